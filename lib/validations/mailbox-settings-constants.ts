// Plain values the browser's forms share with the schemas in ./mailbox-settings: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

/** What `webmail_preferences` allows (its CHECK constraints). */
export const DATE_FORMATS = ['yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'dd.MM.yyyy'] as const;
export const TIME_FORMATS = ['HH:mm', 'h:mm a'] as const;
export const REJECT_MESSAGE_MAX = 2000;
export const AUTORESPONDER_SUBJECT_MAX = 200;
export const AUTORESPONDER_BODY_MAX = 10_000;
