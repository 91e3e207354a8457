// Plain values the browser's forms share with the schemas in ./app-password: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

export const APP_PASSWORD_PROTOCOLS = ['imap', 'pop3', 'smtp'] as const;
export type AppPasswordProtocol = (typeof APP_PASSWORD_PROTOCOLS)[number];
export const APP_PASSWORD_NAME_MAX = 60;
