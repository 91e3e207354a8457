import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { extensionOf, timestamps } from './columns';
import { mailboxes } from './mailboxes';

export const autoresponders = pgTable(
  'autoresponders',
  {
    mailboxId: extensionOf('mailbox_id', () => mailboxes.id),
    enabled: boolean('enabled').notNull().default(false),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull().default(''),
    // Instants; the panel enters and shows them in the account's time zone.
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check('autoresponders_interval', sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.startsAt} < ${t.endsAt}`),
    check('autoresponders_lengths', sql`char_length(${t.subject}) <= 200 and char_length(${t.body}) <= 10000`),
  ],
);

// The localization the account's webmail starts with; the user may change it later.
export const webmailPreferences = pgTable(
  'webmail_preferences',
  {
    mailboxId: extensionOf('mailbox_id', () => mailboxes.id),
    language: text('language').notNull().default('en'),
    timeZone: text('time_zone').notNull().default('UTC'),
    dateFormat: text('date_format').notNull().default('yyyy-MM-dd'),
    timeFormat: text('time_format').notNull().default('HH:mm'),
    ...timestamps,
  },
  (t) => [
    check('webmail_preferences_language', sql`${t.language} in ('en', 'it')`),
    check('webmail_preferences_date_format', sql`${t.dateFormat} in ('yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'dd.MM.yyyy')`),
    check('webmail_preferences_time_format', sql`${t.timeFormat} in ('HH:mm', 'h:mm a')`),
  ],
);
