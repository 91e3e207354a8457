import 'server-only';
import { getDb } from '@/db';
import {
  deleteAccountsBulk,
  getBulkDomain,
  listBulkTargetIds,
  lockBulkRows,
  sumDomainQuotas,
  updateAccountsBulk,
  type BulkDomain,
  type BulkRow,
} from '@/db/queries/account-bulk';
import { accountCriteriaWhere } from '@/db/queries/accounts';
import { lockDomainForStorage } from '@/db/queries/mailbox-settings';
import type { NewMailJob } from '@/db/queries/mail-jobs';
import { fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { keyWith } from '@/lib/i18n/keys';
import { mailboxTarget, writeAudit, writeAudits, type AuditEntry } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain, type Action } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { deleteMailJob, kickJob, queueMailJobs, recalcQuotaJob } from '@/lib/jobs/enqueue';
import { bulkAccountsSchema, type BulkAccountsInput, type BulkAction, type BulkRefusal, type BulkSummary } from '@/lib/validations/account-bulk';
import { isRowId } from '@/lib/validations/common';
import { accountCriteria } from '../list-accounts';
import { parseAccountFilters } from '../list-filters';
import { decideRow, fitStorage, type BulkContext } from './decide';

/**
 * Accounts per transaction. The selection (ids, or every account matching the list's criteria) is fixed
 * when the action starts; it is then worked through in id order, BULK_CHUNK accounts per transaction,
 * each chunk locking its rows and checking every rule again, so a chunk is all-or-nothing with its audit
 * rows and mail jobs. If one fails, the chunks before it stay done and the error is answered: every
 * action is idempotent (a done account is then "unchanged"), so the same request finishes the rest.
 */
export const BULK_CHUNK = 1_000;
/** Addresses named per refusal reason in the summary (the counts are exact). */
export const BULK_SAMPLE = 20;

const PERMISSION: Record<BulkAction, Action & ('accounts:toggle' | 'accounts:delete' | 'accounts:limits' | 'accounts:update')> = {
  deactivate: 'accounts:toggle',
  reactivate: 'accounts:toggle',
  delete: 'accounts:delete',
  storage: 'accounts:limits',
  serviceOn: 'accounts:update',
  serviceOff: 'accounts:update',
  forcePasswordChange: 'accounts:update',
};

/** Switching these off ends the account's open sessions on the mail host (as the General section does). */
const MAIL_HOST_SERVICES = new Set(['imap', 'pop', 'smtp']);

export type { BulkSummary };

export type BulkProgress = (done: number, total: number) => void | Promise<void>;

/**
 * A bulk action on a domain's accounts: deactivate, reactivate, delete (typed count), storage, a service
 * on or off, force a password change. Each account is checked as its single action checks it; what is
 * refused is counted by reason. One audit row per changed account (the same code as the single action)
 * and one `account.bulk` row for the whole; the mail jobs the single actions queue.
 */
export async function bulkAccounts({
  caller,
  ip,
  domainId,
  input,
  onProgress,
  chunkSize = BULK_CHUNK,
}: {
  caller: Caller;
  ip: string | null;
  domainId: number;
  input: unknown;
  onProgress?: BulkProgress;
  /** See BULK_CHUNK (tests set it lower). */
  chunkSize?: number;
}): Promise<ActionResult<BulkSummary>> {
  assertCan(caller, 'accounts:read');
  const parsed = bulkAccountsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const data = parsed.data;
  assertCan(caller, PERMISSION[data.action]);
  if (!isRowId(domainId)) throw notFound();

  const db = getDb();
  const scope = domainScope(caller);
  const found = await getBulkDomain({ ex: db, scope, id: domainId });
  if (!found) throw notFound();
  const { domain } = found;
  let match;
  if (data.match) {
    // The list's own parser and WHERE: "all that match" is what the list shows, filters included.
    const { filters, refused } = parseAccountFilters(data.match);
    if (refused.length > 0) return fieldError('match', 'validation.invalid');
    match = accountCriteriaWhere(accountCriteria(data.match.q, filters), domain.active);
  }
  const ids = await listBulkTargetIds({ ex: db, domainId: domain.id, ids: data.ids, match });
  // The number to type is the server's: the list may only know "more than 10,000" (a capped count).
  if (data.action === 'delete' && data.confirmCount !== ids.length) return fieldError('confirmCount', keyWith('accounts.bulk.errors.confirmCountIs', { count: ids.length }));

  const ctx = contextOf(caller, data, found);
  const summary: BulkSummary = { action: data.action, selected: ids.length, changed: 0, unchanged: 0, refused: [] };
  const refusals = new Map<BulkRefusal, { count: number; addresses: string[] }>();
  const refuse = (reason: BulkRefusal, row: BulkRow) => {
    const entry = refusals.get(reason) ?? { count: 0, addresses: [] };
    entry.count += 1;
    if (entry.addresses.length < BULK_SAMPLE) entry.addresses.push(row.address);
    refusals.set(reason, entry);
  };

  await onProgress?.(0, ids.length);
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const outcome = await db.transaction((tx) => runChunk({ tx, caller, ip, ctx, data, found, ids: chunk, scope }));
    summary.changed += outcome.changed;
    summary.unchanged += outcome.unchanged;
    for (const [reason, row] of outcome.refused) refuse(reason, row);
    await onProgress?.(Math.min(start + chunkSize, ids.length), ids.length);
  }
  summary.refused = [...refusals].map(([reason, entry]) => ({ reason, ...entry }));

  await writeAudit(db, {
    actor: caller,
    ip,
    action: 'account.bulk',
    targetType: 'domain',
    targetId: domain.id,
    targetLabel: domain.name,
    domain: { id: domain.id, name: domain.name },
    details: {
      bulkAction: data.action,
      ...(data.match ? { search: data.match.q } : {}),
      ...(data.quotaBytes !== undefined && data.action === 'storage' ? { quotaBytes: data.quotaBytes } : {}),
      ...(data.service && data.action.startsWith('service') ? { service: data.service } : {}),
      selected: summary.selected,
      changed: summary.changed,
      unchanged: summary.unchanged,
      refused: Object.fromEntries(summary.refused.map((r) => [r.reason, r.count])),
    },
  });
  return ok(summary);
}

function contextOf(caller: Caller, data: BulkAccountsInput, { domain, plan }: BulkDomain): BulkContext {
  const service = data.service;
  return {
    action: data.action,
    allowed: canOnDomain(caller, PERMISSION[data.action], domain),
    quotaBytes: data.quotaBytes,
    service,
    inPlan: data.quotaBytes !== undefined && plan.storageOptionsBytes.includes(data.quotaBytes),
    serviceAllowed: service !== undefined && domain[service] && plan[service],
  };
}

type Chunk = { changed: number; unchanged: number; refused: [BulkRefusal, BulkRow][] };

async function runChunk({
  tx,
  caller,
  ip,
  ctx,
  data,
  found,
  ids,
  scope,
}: {
  tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];
  caller: Caller;
  ip: string | null;
  ctx: BulkContext;
  data: BulkAccountsInput;
  found: BulkDomain;
  ids: number[];
  scope: ReturnType<typeof domainScope>;
}): Promise<Chunk> {
  const { domain, plan } = found;
  const rows = await lockBulkRows({ ex: tx, scope, domainId: domain.id, ids });
  const out: Chunk = { changed: 0, unchanged: 0, refused: [] };
  let change: BulkRow[] = [];
  for (const row of rows) {
    const verdict = decideRow(ctx, row);
    if (verdict === 'change') change.push(row);
    else if (verdict === 'unchanged') out.unchanged += 1;
    else out.refused.push([verdict, row]);
  }
  if (data.action === 'storage' && change.some((row) => data.quotaBytes! > row.quotaBytes)) {
    // Serializes storage decisions within the domain, as a single save does.
    await lockDomainForStorage({ ex: tx, domainId: domain.id });
    const total = await sumDomainQuotas({ ex: tx, domainId: domain.id });
    const { fit, beyond } = fitStorage(change, data.quotaBytes!, total, plan.domainStorageBytes);
    change = fit.sort((a, b) => a.id - b.id);
    for (const row of beyond) out.refused.push(['beyondDomain', row]);
  }
  if (change.length === 0) return out;

  const ids_ = change.map((row) => row.id);
  const account = (row: BulkRow) => ({ id: row.id, address: row.address, domainId: domain.id });
  const target = (row: BulkRow) => mailboxTarget(row, domain);
  const base = { actor: caller, ip } as const;
  let jobs: NewMailJob[] = [];
  let audits: AuditEntry[] = [];
  switch (data.action) {
    case 'deactivate':
    case 'reactivate': {
      const active = data.action === 'reactivate';
      out.changed = await updateAccountsBulk({ ex: tx, ids: ids_, values: { active }, endSessions: !active });
      if (!active) jobs = change.map((row) => kickJob(account(row)));
      audits = change.map((row) => ({
        ...base,
        action: active ? 'account.reactivate' : 'account.deactivate',
        ...target(row),
        details: { before: { active: row.active }, after: { active } },
      }));
      break;
    }
    case 'delete':
      out.changed = await deleteAccountsBulk({ ex: tx, ids: ids_ });
      jobs = change.map((row) => deleteMailJob({ address: row.address, domainId: domain.id }));
      audits = change.map((row) => ({
        ...base,
        action: 'account.delete',
        ...target(row),
        details: { active: row.active, quotaBytes: row.quotaBytes, usedBytes: row.usedBytes },
      }));
      break;
    case 'storage': {
      const quotaBytes = data.quotaBytes!;
      out.changed = await updateAccountsBulk({ ex: tx, ids: ids_, values: { quotaBytes } });
      jobs = change.map((row) => recalcQuotaJob(account(row)));
      audits = change.map((row) => ({
        ...base,
        action: 'mailbox.update.general',
        ...target(row),
        details: { before: { quotaBytes: row.quotaBytes }, after: { quotaBytes } },
      }));
      break;
    }
    case 'serviceOn':
    case 'serviceOff': {
      const service = data.service!;
      const on = data.action === 'serviceOn';
      out.changed = await updateAccountsBulk({ ex: tx, ids: ids_, values: { [service]: on } });
      if (!on && MAIL_HOST_SERVICES.has(service)) jobs = change.map((row) => kickJob(account(row)));
      audits = change.map((row) => ({
        ...base,
        action: 'mailbox.update.general',
        ...target(row),
        details: { before: { [service]: !on }, after: { [service]: on } },
      }));
      break;
    }
    case 'forcePasswordChange':
      out.changed = await updateAccountsBulk({ ex: tx, ids: ids_, values: { forcePasswordChange: true } });
      audits = change.map((row) => ({
        ...base,
        action: 'mailbox.update.security',
        ...target(row),
        details: { before: { forcePasswordChange: false }, after: { forcePasswordChange: true } },
      }));
      break;
  }
  await queueMailJobs(tx, jobs);
  await writeAudits(tx, audits);
  return out;
}
