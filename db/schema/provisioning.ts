import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ownedBy } from './columns';
import { admins } from './admins';
import { domains } from './domains';
import { mailboxes } from './mailboxes';

/** What the mail host can be asked to do (lib/jobs/apply-job.ts). */
// dns-check and dkim-sync are the panel's own (a domain's live DNS check; the signer's key files) and
// need no mail host; for them `address` is the domain's name.
export const MAIL_JOB_KINDS = ['kick', 'kick-domain', 'delete-mail', 'delete-domain-mail', 'recalc-quota', 'dns-check', 'dkim-sync'] as const;
export type MailJobKind = (typeof MAIL_JOB_KINDS)[number];

// Work the mail host must do after a change (end sessions, remove mail, recompute usage). Written in the
// same transaction as the change; while an account has pending, running or failed jobs the panel shows it
// as "Updating". The worker (lib/jobs/worker.ts) claims due rows with FOR UPDATE SKIP LOCKED and holds a
// lease on each (`locked_until`): a row left running by a dead worker becomes due again when it expires.
export const mailJobs = pgTable(
  'mail_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Kept by address, not by id: a deleted account's mail still has to be removed. For the domain-wide
    // kinds (kick-domain, delete-domain-mail) this is the domain's name.
    address: text('address').notNull(),
    mailboxId: integer('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    // Whose admins see the job; null once the domain is gone (then only the superadmin does).
    domainId: integer('domain_id').references(() => domains.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: MAIL_JOB_KINDS }).notNull(),
    payload: jsonb('payload').notNull().default({}),
    state: text('state', { enum: ['pending', 'running', 'done', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    // What was done, when it is worth saying (e.g. no mail host configured, nothing to remove).
    note: text('note'),
    ...createdAt,
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('mail_jobs_state', sql`${t.state} in ('pending', 'running', 'done', 'failed')`),
    check('mail_jobs_kind', sql`${t.kind} in ('kick', 'kick-domain', 'delete-mail', 'delete-domain-mail', 'recalc-quota', 'dns-check', 'dkim-sync')`),
    check('mail_jobs_attempts', sql`${t.attempts} >= 0`),
    check('mail_jobs_text_lengths', sql`char_length(${t.address}) <= 320 and char_length(${t.lastError}) <= 2000 and char_length(${t.note}) <= 2000`),
    index('mail_jobs_due_idx').on(t.runAfter).where(sql`${t.state} = 'pending'`),
    index('mail_jobs_lease_idx').on(t.lockedUntil).where(sql`${t.state} = 'running'`),
    index('mail_jobs_mailbox_open_idx').on(t.mailboxId).where(sql`${t.state} in ('pending', 'running', 'failed')`),
    // The admins' list of open jobs (per domain, newest first) and "is this address's old mail gone yet?".
    index('mail_jobs_domain_open_idx').on(t.domainId, t.id).where(sql`${t.state} in ('pending', 'running', 'failed')`),
    index('mail_jobs_address_open_idx').on(t.address, t.kind).where(sql`${t.state} in ('pending', 'running', 'failed')`),
    index('mail_jobs_finished_idx').on(t.finishedAt).where(sql`${t.state} = 'done'`),
  ],
);

// A half-finished account wizard, kept server-side so any app server can continue it; it expires.
export const accountDrafts = pgTable(
  'account_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    domainId: ownedBy('domain_id', () => domains.id),
    ownerAdminId: integer('owner_admin_id').references(() => admins.id, { onDelete: 'cascade' }),
    ownerMailboxId: integer('owner_mailbox_id').references(() => mailboxes.id, { onDelete: 'cascade' }),
    step: integer('step').notNull().default(1),
    data: jsonb('data').notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...createdAt,
  },
  (t) => [
    check('account_drafts_one_owner', sql`num_nonnulls(${t.ownerAdminId}, ${t.ownerMailboxId}) = 1`),
    check('account_drafts_step', sql`${t.step} between 1 and 4`),
    index('account_drafts_expires_idx').on(t.expiresAt),
  ],
);

// One row per running job worker, touched on every turn of its loop: `/readyz` (lib/health) reports the
// panel not ready when no worker has been seen lately, wherever the workers run. Rows of workers gone
// for a day are purged with the finished jobs.
export const workerHeartbeats = pgTable('worker_heartbeats', {
  worker: text('worker').primaryKey(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull().defaultNow(),
});
