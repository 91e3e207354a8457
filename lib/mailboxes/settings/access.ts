import 'server-only';
import type { z } from 'zod';
import { getDb, type Executor, type Transaction } from '@/db';
import { getMailboxSettingsRow, updateMailboxIfVersion, type MailboxSettingsRow } from '@/db/queries/mailbox-settings';
import type { mailboxes } from '@/db/schema';
import { fail, invalid, ok, type ActionResult } from '@/lib/action-result';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { can } from '@/lib/auth/permissions';
import { domainScope, ownDomainScope } from '@/lib/auth/scope';
import { conflict, notFound, refused, validation } from '@/lib/failure';
import { kickJob, queueMailJobs, recalcQuotaJob } from '@/lib/jobs/enqueue';
import { isRowId } from '@/lib/validations/common';
import { canonicalIpEntry } from '@/lib/validations/ip-allowlist';

/** What every section's save takes. */
export type SaveArgs = { caller: Caller; ip: string | null; id: number; input: unknown };
export type SaveResult = ActionResult<{ version: number }>;

/** Who may change a mailbox's settings: the postmaster mailbox is guarded apart from the accounts. */
function mayUpdate(caller: Caller, isPostmaster: boolean): boolean {
  return can(caller, isPostmaster ? 'postmasters:update' : 'accounts:update');
}

/** Callers who may change no mailbox at all (users) are refused before anything else is looked at. */
function assertMayUpdateAny(caller: Caller): void {
  if (!mayUpdate(caller, false) && !mayUpdate(caller, true)) throw notFound();
}

/**
 * The mailbox as the caller may see it, or a notFound failure: out of the caller's domains (its domain
 * scope), or a mailbox its role may not change (a postmaster and the postmaster mailbox; any user).
 */
export async function loadMailbox({ ex, caller, id, lockPlan = false }: { ex: Executor; caller: Caller; id: number; lockPlan?: boolean }): Promise<MailboxSettingsRow> {
  assertMayUpdateAny(caller);
  const row = isRowId(id) ? await getMailboxSettingsRow({ ex, scope: domainScope(caller), id, lockPlan }) : undefined;
  if (!row || !mayUpdate(caller, row.mailbox.isPostmaster)) throw notFound();
  // Postgres writes cidr[] as 10.0.0.1/32: compare and show the spelling the form uses.
  row.mailbox.allowedIps = row.mailbox.allowedIps.map(canonicalIpEntry);
  return row;
}

type Refusal = Extract<SaveResult, { ok: false }>;

/** What a section saves once its checks passed. */
export type Change = {
  /** Columns of `mailboxes` (may be none: the version is bumped anyway). */
  values: Partial<typeof mailboxes.$inferInsert>;
  endSessions?: boolean;
  /** Writes to other tables, after the mailbox row (and its version) was updated. */
  afterUpdate?: () => Promise<void>;
  /** Work for the mail host (lib/jobs), queued in the same transaction: the account reads Updating until done. */
  mailJobs?: ('kick' | 'recalcQuota')[];
  /** The audit record's details: diff(before, after) and anything else worth keeping. */
  details: Record<string, unknown>;
};

type SectionContext<T> = { tx: Transaction; caller: Caller; row: MailboxSettingsRow; data: T };

/** The settings sections, each saved (and audited as `mailbox.update.<section>`) on its own. */
export const SETTINGS_SECTIONS = ['masterData', 'general', 'security', 'autoresponder', 'webmail'] as const;
type Section = (typeof SETTINGS_SECTIONS)[number];

/**
 * One section's save, in one transaction: validate, load the mailbox (not found / inactive / someone
 * else saved since `version` was read), the section's own checks, then the optimistic-lock update,
 * the section's other writes and the audit row.
 */
export async function saveSection<S extends z.ZodType<{ version: number }>>(
  { caller, ip, id, input }: SaveArgs,
  section: Section,
  schema: S,
  decide: (context: SectionContext<z.output<S>>) => Promise<Refusal | Change>,
): Promise<SaveResult> {
  assertMayUpdateAny(caller);
  const load = (tx: Transaction) => loadMailbox({ ex: tx, caller, id, lockPlan: true });
  return saveWith({ caller, ip, input, action: `mailbox.update.${section}`, schema, decide, load });
}

/** The caller's own mailbox (self-service), whatever its role; never any other. */
export async function loadOwnMailbox({ ex, caller, lockPlan = false }: { ex: Executor; caller: Caller; lockPlan?: boolean }): Promise<MailboxSettingsRow> {
  if (!can(caller, 'self:update') || caller.kind !== 'mailbox') throw notFound();
  const row = await getMailboxSettingsRow({ ex, scope: ownDomainScope(caller), id: caller.id, lockPlan });
  if (!row) throw notFound();
  return row;
}

/**
 * A section of the caller's own settings ("My settings"): the same transaction as saveSection, on the
 * caller's own mailbox only (no id is taken from the request), audited as `mailbox.updateOwn.<section>`.
 */
export async function saveOwnSection<S extends z.ZodType<{ version: number }>>(
  { caller, ip, input }: Omit<SaveArgs, 'id'>,
  section: Section | 'localization',
  schema: S,
  decide: (context: SectionContext<z.output<S>>) => Promise<Refusal | Change>,
): Promise<SaveResult> {
  if (!can(caller, 'self:update') || caller.kind !== 'mailbox') throw notFound();
  const load = (tx: Transaction) => loadOwnMailbox({ ex: tx, caller, lockPlan: true });
  return saveWith({ caller, ip, input, action: `mailbox.updateOwn.${section}`, schema, decide, load });
}

async function saveWith<S extends z.ZodType<{ version: number }>>({
  caller,
  ip,
  input,
  action,
  schema,
  decide,
  load,
}: {
  caller: Caller;
  ip: string | null;
  input: unknown;
  action: string;
  schema: S;
  decide: (context: SectionContext<z.output<S>>) => Promise<Refusal | Change>;
  load: (tx: Transaction) => Promise<MailboxSettingsRow>;
}): Promise<SaveResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const data = parsed.data;
  return getDb().transaction(async (tx) => {
    const row = await load(tx);
    if (!row.mailbox.active) return fail(refused('mailboxSettings.errors.inactive'));
    if (row.mailbox.version !== data.version) throw conflict();
    const change = await decide({ tx, caller, row, data });
    if ('ok' in change) return change;
    const updated = await updateMailboxIfVersion({
      ex: tx,
      id: row.mailbox.id,
      version: data.version,
      values: change.values,
      endSessions: change.endSessions,
    });
    if (!updated) throw conflict();
    await change.afterUpdate?.();
    const account = { id: row.mailbox.id, address: row.mailbox.address, domainId: row.domain.id };
    await queueMailJobs(tx, [...new Set(change.mailJobs)].map((kind) => (kind === 'kick' ? kickJob(account) : recalcQuotaJob(account))));
    await writeAudit(tx, {
      actor: caller,
      ip,
      action,
      ...mailboxTarget(row.mailbox, row.domain),
      details: change.details,
    });
    return ok({ version: updated.version });
  });
}

/** A refusal with one message per field (nothing is written). */
export function refuse(fieldErrors: Record<string, string>): Refusal {
  return fail(validation(fieldErrors));
}
