import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { admins } from './admins';
import { mailboxes } from './mailboxes';

// Personal access tokens for /api/v1. A token acts as its owner (an admin or a mailbox: postmaster or
// account), so it carries no role of its own. Only a SHA-256 of the secret is kept; `prefix` lets the
// owner recognise a token in the list. The rate window lives here so the limit holds across app servers.
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    adminId: integer('admin_id').references(() => admins.id, { onDelete: 'cascade' }),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    access: text('access', { enum: ['read', 'read_write'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    ...createdAt,
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    lastUsedIp: text('last_used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    rateWindowStartedAt: timestamp('rate_window_started_at', { withTimezone: true }),
    rateCount: integer('rate_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_admin_idx').on(t.adminId),
    index('api_tokens_mailbox_idx').on(t.mailboxId),
    check('api_tokens_one_owner', sql`num_nonnulls(${t.adminId}, ${t.mailboxId}) = 1`),
    check('api_tokens_access', sql`${t.access} in ('read', 'read_write')`),
    check('api_tokens_name_length', sql`char_length(${t.name}) between 1 and 100`),
    check('api_tokens_rate_count', sql`${t.rateCount} >= 0`),
  ],
);

// The REST API's rate window per owner (all its tokens together), beside each token's own window:
// more tokens do not buy more requests. Keyed by the principal ('admin:1', 'mailbox:7').
export const apiOwnerRate = pgTable(
  'api_owner_rate',
  {
    principal: text('principal').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [check('api_owner_rate_count', sql`${t.count} >= 0`)],
);
