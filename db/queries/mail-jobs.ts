import 'server-only';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { domains, mailJobs, type MailJobKind } from '@/db/schema';

// The mail-host job queue. Writers add jobs inside the transaction of the change that needs them; the
// worker claims due ones (FOR UPDATE SKIP LOCKED, so several workers never take the same row) under a
// lease, and finishes each only while it still holds that lease.

export type NewMailJob = {
  kind: MailJobKind;
  /** The account's address, or the domain's name for the domain-wide kinds. */
  address: string;
  mailboxId: number | null;
  domainId: number | null;
  payload?: Record<string, unknown>;
};

export async function insertMailJobs({ ex, jobs }: { ex: Executor; jobs: NewMailJob[] }) {
  if (jobs.length === 0) return [];
  return ex
    .insert(mailJobs)
    .values(jobs.map(({ payload = {}, ...job }) => ({ ...job, payload })))
    .returning({ id: mailJobs.id });
}

export type ClaimedJob = {
  id: number;
  kind: MailJobKind;
  address: string;
  mailboxId: number | null;
  payload: Record<string, unknown>;
  attempts: number;
};

/**
 * Takes up to `limit` due jobs for `worker`: pending ones whose time has come, and running ones whose
 * lease ran out (their worker died). Each is marked running, its attempt counted, leased for `leaseMs`.
 */
export async function claimDueJobs({ ex, worker, limit, leaseMs }: { ex: Executor; worker: string; limit: number; leaseMs: number }): Promise<ClaimedJob[]> {
  const result = (await ex.execute(sql`
    with due as (
      select id from ${mailJobs}
       where (state = 'pending' and run_after <= now())
          or (state = 'running' and (locked_until is null or locked_until <= now()))
       order by id
       limit ${limit}
       for update skip locked
    )
    update ${mailJobs} j
       set state = 'running', attempts = j.attempts + 1, locked_by = ${worker},
           locked_until = now() + ${leaseMs} * interval '1 millisecond'
      from due
     where j.id = due.id
    returning j.id, j.kind, j.address, j.mailbox_id, j.payload, j.attempts`)) as unknown as {
    rows: { id: number | string; kind: MailJobKind; address: string; mailbox_id: number | null; payload: unknown; attempts: number }[];
  };
  return result.rows
    .map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      address: row.address,
      mailboxId: row.mailbox_id,
      payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload ?? {}) as Record<string, unknown>,
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

const heldBy = (id: number, worker: string) => and(eq(mailJobs.id, id), eq(mailJobs.state, 'running'), eq(mailJobs.lockedBy, worker));

/** Done. Undefined when the lease was lost meanwhile (another worker has the job now). */
export async function completeJob({ ex, id, worker, note }: { ex: Executor; id: number; worker: string; note: string | null }) {
  const [row] = await ex
    .update(mailJobs)
    .set({ state: 'done', finishedAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null, note })
    .where(heldBy(id, worker))
    .returning({ id: mailJobs.id, kind: mailJobs.kind, address: mailJobs.address });
  return row;
}

/** Earlier failed jobs of the same kind for the same target are settled by a later one that succeeded. */
export async function settleSupersededJobs({ ex, id, kind, address }: { ex: Executor; id: number; kind: MailJobKind; address: string }) {
  return ex
    .update(mailJobs)
    .set({ state: 'done', finishedAt: sql`now()`, note: `superseded:${id}` })
    .where(and(eq(mailJobs.kind, kind), eq(mailJobs.address, address), eq(mailJobs.state, 'failed'), sql`${mailJobs.id} < ${id}`))
    .returning({ id: mailJobs.id });
}

/** A failed run: again after `retryInMs`, or (final) failed for good, with the error either way. */
export async function failJobRun({ ex, id, worker, error, retryInMs, final }: { ex: Executor; id: number; worker: string; error: string; retryInMs: number; final: boolean }) {
  const [row] = await ex
    .update(mailJobs)
    .set({
      state: final ? 'failed' : 'pending',
      runAfter: final ? sql`${mailJobs.runAfter}` : sql`now() + ${retryInMs} * interval '1 millisecond'`,
      finishedAt: final ? sql`now()` : null,
      lockedBy: null,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
    })
    .where(heldBy(id, worker))
    .returning({ id: mailJobs.id, state: mailJobs.state });
  return row;
}

/** Finished jobs older than `days` go (the audit log keeps what was changed). */
export async function purgeFinishedJobs({ ex, days }: { ex: Executor; days: number }) {
  return ex
    .delete(mailJobs)
    .where(and(eq(mailJobs.state, 'done'), sql`${mailJobs.finishedAt} < now() - ${days} * interval '1 day'`))
    .returning({ id: mailJobs.id });
}

/** The jobs a caller may see: those of its domains (`scope` on domains), or all (`scope` undefined). */
function visible(scope: SQL | undefined, ex: Executor): SQL | undefined {
  return scope === undefined ? undefined : inArray(mailJobs.domainId, ex.select({ id: domains.id }).from(domains).where(scope));
}

const OPEN = ['pending', 'running', 'failed'] as const;

/** Open jobs (pending, running, failed), failed first, newest first; with the domain's name. */
export async function listOpenJobs({ ex, scope, limit, offset }: { ex: Executor; scope: SQL | undefined; limit: number; offset: number }) {
  const where = and(inArray(mailJobs.state, [...OPEN]), visible(scope, ex));
  const [rows, [total]] = await Promise.all([
    ex
      .select({
        id: mailJobs.id,
        kind: mailJobs.kind,
        address: mailJobs.address,
        mailboxId: mailJobs.mailboxId,
        domainId: mailJobs.domainId,
        domainName: domains.name,
        state: mailJobs.state,
        attempts: mailJobs.attempts,
        runAfter: mailJobs.runAfter,
        lastError: mailJobs.lastError,
        createdAt: mailJobs.createdAt,
        finishedAt: mailJobs.finishedAt,
      })
      .from(mailJobs)
      .leftJoin(domains, eq(domains.id, mailJobs.domainId))
      .where(where)
      .orderBy(sql`${mailJobs.state} = 'failed' desc`, desc(mailJobs.id))
      .limit(limit)
      .offset(offset),
    ex.select({ n: count() }).from(mailJobs).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** A failed job back to pending, due now, with its attempts counted afresh; undefined if not failed or not visible. */
export async function retryFailedJob({ ex, scope, id }: { ex: Executor; scope: SQL | undefined; id: number }) {
  const [row] = await ex
    .update(mailJobs)
    .set({ state: 'pending', attempts: 0, runAfter: sql`now()`, finishedAt: null })
    .where(and(eq(mailJobs.id, id), eq(mailJobs.state, 'failed'), visible(scope, ex)))
    .returning({ id: mailJobs.id, kind: mailJobs.kind, address: mailJobs.address, domainId: mailJobs.domainId, lastError: mailJobs.lastError });
  if (!row) return undefined;
  const [domain] = row.domainId === null ? [] : await ex.select({ name: domains.name }).from(domains).where(eq(domains.id, row.domainId));
  return { ...row, domainName: domain?.name ?? null };
}

/**
 * Of `addresses`, those whose earlier mail (the address's own, or its whole domain's) is still to be
 * removed: a new account with such an address must wait, or the old owner's mail would end up in it (or
 * the removal would take the new account's mail).
 */
export async function addressesAwaitingMailRemoval({ ex, addresses }: { ex: Executor; addresses: string[] }): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
  const targets = [...new Set([...addresses, ...addresses.map(domainOf)])];
  const rows = await ex
    .selectDistinct({ kind: mailJobs.kind, address: mailJobs.address })
    .from(mailJobs)
    .where(and(inArray(mailJobs.state, [...OPEN]), inArray(mailJobs.kind, ['delete-mail', 'delete-domain-mail']), inArray(mailJobs.address, targets)))
    .orderBy(asc(mailJobs.address));
  const accounts = new Set(rows.filter((row) => row.kind === 'delete-mail').map((row) => row.address));
  const domainsGoing = new Set(rows.filter((row) => row.kind === 'delete-domain-mail').map((row) => row.address));
  return new Set(addresses.filter((address) => accounts.has(address) || domainsGoing.has(domainOf(address))));
}
