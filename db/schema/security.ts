import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, ownedBy } from './columns';
import { mailboxes } from './mailboxes';

// The hashes an account used before; reuse blocking compares against the last five.
export const passwordHistory = pgTable(
  'password_history',
  {
    id: serial('id').primaryKey(),
    mailboxId: ownedBy('mailbox_id', () => mailboxes.id),
    passwordHash: text('password_hash').notNull(),
    ...createdAt,
  },
  (t) => [index('password_history_mailbox_idx').on(t.mailboxId, t.createdAt.desc())],
);

// Failed sign-ins, counted per account, per source address, per (account, address) and per trusted
// device, in the database so that the count holds across app servers (lib/auth/throttle.ts).
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    scope: text('scope', { enum: ['account', 'ip', 'account-ip', 'device'] }).notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    check('sign_in_throttle_scope', sql`${t.scope} in ('account', 'ip', 'account-ip', 'device')`),
  ],
);

// Single-use secrets sent by link (first-run setup, password recovery). Only a SHA-256 of the token is kept.
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose', { enum: ['setup', 'password_reset'] }).notNull(),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...createdAt,
  },
  (t) => [
    check('one_time_tokens_purpose', sql`${t.purpose} in ('setup', 'password_reset')`),
    check('one_time_tokens_reset_has_mailbox', sql`${t.purpose} <> 'password_reset' or ${t.mailboxId} is not null`),
    index('one_time_tokens_mailbox_idx').on(t.mailboxId),
  ],
);

// Per-protocol passwords for mail clients of accounts behind OTP (mail clients cannot type a code).
// A secret is `lookup` (its first 8 characters, not secret) followed by the secret part; the whole string
// is stored as bcrypt. The mail servers' password query finds the one candidate row by the account, the
// protocol and the lookup taken from the typed password (Dovecot's passdb takes one row per query), then
// Dovecot checks the hash. At most 20 live (unrevoked) ones per account: migration 0007's trigger.
export const appPasswords = pgTable(
  'app_passwords',
  {
    id: serial('id').primaryKey(),
    mailboxId: ownedBy('mailbox_id', () => mailboxes.id),
    name: text('name').notNull(),
    protocol: text('protocol', { enum: ['imap', 'pop3', 'smtp'] }).notNull(),
    lookup: text('lookup').notNull(),
    passwordHash: text('password_hash').notNull(),
    ...createdAt,
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('app_passwords_mailbox_idx').on(t.mailboxId),
    uniqueIndex('app_passwords_lookup_key').on(t.mailboxId, t.lookup),
    uniqueIndex('app_passwords_live_name_key').on(t.mailboxId, sql`lower(${t.name})`).where(sql`${t.revokedAt} is null`),
    check('app_passwords_protocol', sql`${t.protocol} in ('imap', 'pop3', 'smtp')`),
    check('app_passwords_bcrypt', sql`${t.passwordHash} like '$2b$%'`),
    check('app_passwords_name_length', sql`char_length(${t.name}) between 1 and 60 and ${t.name} = btrim(${t.name})`),
    check('app_passwords_lookup_shape', sql`${t.lookup} ~ '^[a-z2-9]{8}$'`),
  ],
);
