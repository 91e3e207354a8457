// What a mailbox without an autoresponder or webmail-preferences row is taken to have (the tables' defaults).

export const AUTORESPONDER_DEFAULTS: { enabled: boolean; subject: string; body: string; startsAt: Date | null; endsAt: Date | null } = {
  enabled: false,
  subject: '',
  body: '',
  startsAt: null,
  endsAt: null,
};

/** The webmail starts in the mailbox's own language and time zone, as when the mailbox is created. */
export function webmailDefaults(mailbox: { language: string; timeZone: string }) {
  return { language: mailbox.language, timeZone: mailbox.timeZone, dateFormat: 'yyyy-MM-dd', timeFormat: 'HH:mm' };
}
