import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { mailboxes } from './mailboxes';

// Written by Dovecot's quota_clone (upsert ON CONFLICT (address)). A mailbox without a row has used nothing.
export const mailboxUsage = pgTable(
  'mailbox_usage',
  {
    address: text('address')
      .primaryKey()
      .references(() => mailboxes.address, { onDelete: 'cascade', onUpdate: 'cascade' }),
    storageBytes: bigint('storage_bytes', { mode: 'number' }).notNull().default(0),
    messages: bigint('messages', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('mailbox_usage_storage_idx').on(t.storageBytes)],
);

// Written by Dovecot's last_login plugin: epoch seconds, one column per service.
export const mailboxLastLogin = pgTable('mailbox_last_login', {
  address: text('address')
    .primaryKey()
    .references(() => mailboxes.address, { onDelete: 'cascade', onUpdate: 'cascade' }),
  imap: bigint('imap', { mode: 'number' }),
  pop3: bigint('pop3', { mode: 'number' }),
  smtp: bigint('smtp', { mode: 'number' }),
});

// Written by mailpanel's Postfix policy service: messages sent per address per 5-minute bucket;
// "sent in the last 24 hours" is the sum of the buckets younger than a day.
export const mailboxSent = pgTable(
  'mailbox_sent',
  {
    address: text('address')
      .notNull()
      .references(() => mailboxes.address, { onDelete: 'cascade', onUpdate: 'cascade' }),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    messages: integer('messages').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.address, t.bucket] }),
    index('mailbox_sent_bucket_idx').on(t.bucket),
    // A domain's messages since a moment (its home page) without joining every account of the domain. No
    // `messages` in it: the policy service's increments stay HOT updates.
    index('mailbox_sent_domain_bucket_idx').on(sql`split_part(${t.address}, '@', 2)`, t.bucket),
    check('mailbox_sent_messages_nonnegative', sql`${t.messages} >= 0`),
  ],
);

// "Sent in the last 24 hours" is a rolling window, so it cannot simply be stored: mailboxes.sent_24h holds
// the sum of the mailbox's buckets later than `counted_after` (one row, this one). The trigger on
// mailbox_sent adds and subtracts as buckets are written; mailbox_sent_decay() moves `counted_after` up to
// now() - 24 hours, subtracting what aged out in between, and the account list calls it before reading
// (a single index probe when nothing aged out), so the figures shown and sorted on are exact to the
// second. See migration 0004.
export const mailboxSentWindow = pgTable(
  'mailbox_sent_window',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    countedAfter: timestamp('counted_after', { withTimezone: true }).notNull(),
  },
  (t) => [check('mailbox_sent_window_singleton', sql`${t.singleton}`)],
);
