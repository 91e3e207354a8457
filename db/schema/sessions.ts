import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { admins } from './admins';
import { mailboxes } from './mailboxes';

// Panel sessions, one row per signed-in browser (lib/auth/sessions/). The session cookie carries a random
// secret; only its SHA-256 is kept here, and every request must find its row live: not past the idle
// timeout (`last_seen_at`, written at most once a minute) nor the absolute lifetime (`created_at`).
// Signing out deletes the row, and so does any change of the owner's session version (a password change,
// OTP off or reset, deactivation: migration 0010's trigger). `id` names a session in the owner's list.
export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    adminId: integer('admin_id').references(() => admins.id, { onDelete: 'cascade' }),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id, { onDelete: 'cascade' }),
    ...createdAt,
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The client address when last seen. */
    ip: text('ip'),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [
    uniqueIndex('sessions_secret_hash_key').on(t.secretHash),
    index('sessions_admin_idx').on(t.adminId),
    index('sessions_mailbox_idx').on(t.mailboxId),
    check('sessions_one_owner', sql`num_nonnulls(${t.adminId}, ${t.mailboxId}) = 1`),
    check('sessions_user_agent_length', sql`char_length(${t.userAgent}) <= 512`),
  ],
);
