import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { serviceColumns, timestamps, version } from './columns';

export const plans = pgTable(
  'plans',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    ...serviceColumns('allow', true),
    // Storage sizes (bytes) an account in a domain on this plan may be given.
    storageOptionsBytes: bigint('storage_options_bytes', { mode: 'number' }).array().notNull(),
    domainStorageBytes: bigint('domain_storage_bytes', { mode: 'number' }).notNull(),
    maxAccounts: integer('max_accounts').notNull(),
    maxAliases: integer('max_aliases').notNull().default(100),
    defaultDailySendLimit: integer('default_daily_send_limit').notNull(),
    maxDailySendLimit: integer('max_daily_send_limit').notNull(),
    allowSpamToInbox: boolean('allow_spam_to_inbox').notNull().default(false),
    // The largest message (bytes) an account of a domain on this plan receives or sends (issue 18): checked
    // by the policy service; Postfix's own message_size_limit is the ceiling of every plan (MAX_MESSAGE_MB).
    maxMessageBytes: bigint('max_message_bytes', { mode: 'number' }).notNull().default(10 * 1024 * 1024),
    userDetailFields: text('user_detail_fields').array().notNull().default(sql`'{}'::text[]`),
    ...version,
    ...timestamps,
  },
  (t) => [
    check('plans_name_length', sql`char_length(${t.name}) between 1 and 100`),
    check('plans_storage_options_nonempty', sql`cardinality(${t.storageOptionsBytes}) between 1 and 20`),
    check('plans_storage_options_positive', sql`0 < all(${t.storageOptionsBytes})`),
    check('plans_domain_storage_positive', sql`${t.domainStorageBytes} > 0`),
    check('plans_max_accounts_positive', sql`${t.maxAccounts} > 0`),
    check('plans_max_aliases_nonnegative', sql`${t.maxAliases} >= 0`),
    check('plans_max_message_bytes_range', sql`${t.maxMessageBytes} between 1048576 and 104857600`),
    check('plans_send_limits', sql`${t.defaultDailySendLimit} >= 0 and ${t.defaultDailySendLimit} <= ${t.maxDailySendLimit}`),
    check(
      'plans_user_detail_fields_known',
      sql`${t.userDetailFields} <@ array['phone','mobile','company','department','jobTitle']::text[]`,
    ),
  ],
);
