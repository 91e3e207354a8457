import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { admins } from './admins';
import { domains } from './domains';
import { mailboxes } from './mailboxes';

// Work the mail host must do after a change (end sessions, remove mail, recompute usage). Written in the
// same transaction as the change; while an account has pending jobs the panel shows it as "Updating".
export const mailJobs = pgTable(
  'mail_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Kept by address, not by id: a deleted account's mail still has to be removed.
    address: text('address').notNull(),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    state: text('state', { enum: ['pending', 'running', 'done', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('mail_jobs_state', sql`${t.state} in ('pending', 'running', 'done', 'failed')`),
    index('mail_jobs_due_idx').on(t.runAfter).where(sql`${t.state} = 'pending'`),
    index('mail_jobs_mailbox_open_idx').on(t.mailboxId).where(sql`${t.state} in ('pending', 'running', 'failed')`),
  ],
);

// A half-finished account wizard, kept server-side so any app server can continue it; it expires.
export const accountDrafts = pgTable(
  'account_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    domainId: integer('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    ownerAdminId: integer('owner_admin_id').references(() => admins.id, { onDelete: 'cascade' }),
    ownerMailboxId: integer('owner_mailbox_id').references(() => mailboxes.id, { onDelete: 'cascade' }),
    step: integer('step').notNull().default(1),
    data: jsonb('data').notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('account_drafts_one_owner', sql`num_nonnulls(${t.ownerAdminId}, ${t.ownerMailboxId}) = 1`),
    check('account_drafts_step', sql`${t.step} between 1 and 4`),
    index('account_drafts_expires_idx').on(t.expiresAt),
  ],
);
