import type { MailboxSettingsRow } from '@/db/queries/mailbox-settings';
import type { Language } from '@/lib/mail/services';
import { utcToZoned } from '@/lib/time/zoned';
import type { AutoresponderInput, DATE_FORMATS, OwnWebmailInput, TIME_FORMATS } from '@/lib/validations/mailbox-settings';
import { AUTORESPONDER_DEFAULTS, webmailDefaults } from './defaults';

// The sections an account's settings page and the account's own settings both show, as their forms
// start: the stored rows, or the defaults where a mailbox has none yet.

/** The autoresponder, its from / until in the mailbox's time zone (empty when not set). */
export function autoresponderValues({ mailbox, autoresponder }: MailboxSettingsRow): AutoresponderInput {
  const { enabled, subject, body, startsAt, endsAt } = autoresponder ?? AUTORESPONDER_DEFAULTS;
  const local = (instant: Date | null) => (instant ? utcToZoned(instant, mailbox.timeZone) : '');
  return { version: mailbox.version, enabled, subject, body, startsAt: local(startsAt), endsAt: local(endsAt) };
}

/** The webmail's start-up language, time zone and date and time formats. */
export function webmailValues({ mailbox, webmailPreferences }: MailboxSettingsRow): OwnWebmailInput {
  const webmail = webmailPreferences ?? webmailDefaults(mailbox);
  return {
    version: mailbox.version,
    language: webmail.language as Language,
    timeZone: webmail.timeZone,
    dateFormat: webmail.dateFormat as (typeof DATE_FORMATS)[number],
    timeFormat: webmail.timeFormat as (typeof TIME_FORMATS)[number],
  };
}
