import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, mailboxes, mailJobs } from '@/db/schema';
import { completeJob, purgeFinishedJobs } from '@/db/queries/mail-jobs';
import type { Caller } from '@/lib/auth/caller';

import { runAction } from '@/lib/errors';
import { deleteMailJob, kickJob, onJobsQueued, queueMailJobs, recalcQuotaJob } from '@/lib/jobs/enqueue';
import { listJobs } from '@/lib/jobs/list-jobs';
import type { MailHost } from '@/lib/jobs/mail-host';
import { retryJob } from '@/lib/jobs/retry-job';
import { runDueJobs, startWorker } from '@/lib/jobs/worker';
import { adminCaller, postmasterCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertMailbox, type Fixture } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '203.0.113.9';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { A: Caller; B: Caller; S: Caller; PM: Caller };

async function world(): Promise<World> {
  const f = await createFixture(t.db());
  const other = await insertAdmin(t.db());
  const root = await insertAdmin(t.db(), { role: 'superadmin' });
  return { ...f, A: adminCaller(f.admin), B: adminCaller(other), S: superadminCaller(root), PM: postmasterCaller(f.postmaster) };
}

/** A mail host that records what it was asked and fails while `failing` says so. */
function recordingHost({ failing = () => false, delayMs = 0 }: { failing?: (what: string) => boolean; delayMs?: number } = {}) {
  const calls: string[] = [];
  const act = async (what: string) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    calls.push(what);
    if (failing(what)) throw new Error(`mail host unreachable (${what})`);
  };
  const host: MailHost = {
    describe: 'test host',
    kick: async (mask) => (await act(`kick ${mask}`), 'kicked'),
    recalcQuota: async (address) => (await act(`recalc ${address}`), { storageBytes: 12_345, messages: 3 }),
    removeMail: async (address) => (await act(`remove ${address}`), 'removed'),
    removeDomainMail: async (domain) => (await act(`remove-domain ${domain}`), 1),
  };
  return { host, calls };
}

async function jobs() {
  return t.db().select().from(mailJobs).orderBy(mailJobs.id);
}

async function queue(w: World, make = kickJob) {
  await queueMailJobs(t.db(), [make({ id: w.mailbox.id, address: w.mailbox.address, domainId: w.domain.id })]);
  const all = await jobs();
  return all[all.length - 1]!;
}

async function openJobs(id: number) {
  const [row] = await t.db().select({ n: mailboxes.openJobs }).from(mailboxes).where(eq(mailboxes.id, id));
  return row?.n;
}

/** Makes every waiting job due now (instead of waiting out the backoff). */
async function dueNow() {
  await t.db().update(mailJobs).set({ runAfter: sql`now() - interval '1 second'` }).where(eq(mailJobs.state, 'pending'));
}

describe('runDueJobs', () => {
  it('without a mail host completes the jobs as no-ops, noted, and the account is no longer Updating', async () => {
    const w = await world();
    await queue(w);
    await queue(w, recalcQuotaJob);
    expect(await openJobs(w.mailbox.id)).toBe(2);
    expect(await runDueJobs({ host: null })).toEqual({ claimed: 2, done: 2, retrying: 0, failed: 0, lost: 0 });
    expect(await jobs()).toMatchObject([
      { state: 'done', note: 'noMailHost', attempts: 1, lockedBy: null, lockedUntil: null },
      { state: 'done', note: 'noMailHost', attempts: 1 },
    ]);
    expect((await jobs())[0]?.finishedAt).toBeInstanceOf(Date);
    expect(await openJobs(w.mailbox.id)).toBe(0);
    expect(await runDueJobs({ host: null })).toMatchObject({ claimed: 0 });
  });

  it('applies each job through the host once, in order, and respects the limit', async () => {
    const w = await world();
    await queue(w);
    await queue(w, recalcQuotaJob);
    await queueMailJobs(t.db(), [deleteMailJob({ address: 'gone@example.net', domainId: w.domain.id })]);
    const { host, calls } = recordingHost();
    expect(await runDueJobs({ host, limit: 2 })).toMatchObject({ claimed: 2, done: 2 });
    expect(await runDueJobs({ host, limit: 2 })).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([`kick ${w.mailbox.address}`, `recalc ${w.mailbox.address}`, 'remove gone@example.net']);
    expect(await runDueJobs({ host })).toMatchObject({ claimed: 0 });
  });

  it('writes the figure a quota recalculation found as the account\'s storage used (Dovecot 2.3 does not)', async () => {
    const w = await world();
    await queue(w, recalcQuotaJob);
    await queueMailJobs(t.db(), [recalcQuotaJob({ id: w.mailbox.id, address: 'deleted-meanwhile@example.net', domainId: w.domain.id })]);
    expect(await runDueJobs({ host: recordingHost().host })).toMatchObject({ claimed: 2, done: 2 });
    const [row] = await t.db().select({ usedBytes: mailboxes.usedBytes }).from(mailboxes).where(eq(mailboxes.id, w.mailbox.id));
    expect(row?.usedBytes).toBe(12_345);
  });

  it('retries a failing job with backoff, then fails it with its error; the account stays Updating', async () => {
    const w = await world();
    const job = await queue(w);
    let down = true;
    const { host, calls } = recordingHost({ failing: () => down });
    const backoff = (attempt: number) => attempt * 60_000;

    expect(await runDueJobs({ host, maxAttempts: 3, backoff })).toMatchObject({ claimed: 1, retrying: 1 });
    const [first] = await jobs();
    expect(first).toMatchObject({ id: job.id, state: 'pending', attempts: 1, lastError: `mail host unreachable (kick ${w.mailbox.address})`, lockedBy: null });
    // Not due before its backoff has passed (the first wait is a minute).
    const waitMs = first!.runAfter.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(50_000);
    expect(waitMs).toBeLessThan(70_000);
    expect(await runDueJobs({ host, maxAttempts: 3, backoff })).toMatchObject({ claimed: 0 });

    await dueNow();
    expect(await runDueJobs({ host, maxAttempts: 3, backoff })).toMatchObject({ retrying: 1 });
    const [second] = await jobs();
    expect(second!.runAfter.getTime() - Date.now()).toBeGreaterThan(110_000);
    await dueNow();
    expect(await runDueJobs({ host, maxAttempts: 3, backoff })).toMatchObject({ failed: 1 });
    const [failed] = await jobs();
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, lastError: expect.stringContaining('unreachable') });
    expect(failed?.finishedAt).toBeInstanceOf(Date);
    expect(calls).toHaveLength(3);
    // Failed is not forgotten: still Updating, and no worker picks it up by itself.
    expect(await openJobs(w.mailbox.id)).toBe(1);
    await dueNow();
    expect(await runDueJobs({ host, maxAttempts: 3, backoff })).toMatchObject({ claimed: 0 });

    // An admin of the domain sees it and retries it; then it works.
    const seen = await listJobs({ caller: w.A, page: 1, pageSize: 25 });
    expect(seen.rows).toMatchObject([{ id: job.id, kind: 'kick', state: 'failed', domainName: w.domain.name, lastError: expect.stringContaining('unreachable') }]);
    expect(await retryJob({ caller: w.A, ip: IP, id: job.id })).toEqual({ ok: true, data: { id: job.id } });
    expect((await jobs())[0]).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await t.db().select().from(auditLog)).toMatchObject([
      { action: 'mailJob.retry', actorAdminId: w.admin.id, ip: IP, targetType: 'mailJob', targetId: String(job.id), domainId: w.domain.id, details: { kind: 'kick', lastError: expect.stringContaining('unreachable') } },
    ]);
    down = false;
    expect(await runDueJobs({ host, maxAttempts: 3, backoff })).toMatchObject({ done: 1 });
    expect(await openJobs(w.mailbox.id)).toBe(0);
    // A job that is not failed (any more) cannot be retried.
    expect(await runAction(() => retryJob({ caller: w.A, ip: IP, id: job.id }))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
  });

  it('a later success of the same kind settles the earlier failure', async () => {
    const w = await world();
    const old = await queue(w);
    await runDueJobs({ host: recordingHost({ failing: () => true }).host, maxAttempts: 1 });
    expect((await jobs())[0]).toMatchObject({ state: 'failed' });
    const other = await queue(w, recalcQuotaJob);
    const fresh = await queue(w);
    expect(await runDueJobs({ host: recordingHost().host })).toMatchObject({ done: 2 });
    expect(await jobs()).toMatchObject([
      { id: old.id, state: 'done', note: `superseded:${fresh.id}` },
      { id: other.id, state: 'done' },
      { id: fresh.id, state: 'done', note: null },
    ]);
    expect(await openJobs(w.mailbox.id)).toBe(0);
  });

  it('is idempotent: a job run twice (its worker died after the work) does no harm', async () => {
    const w = await world();
    const job = await queue(w, deleteMailJob);
    const { host, calls } = recordingHost();
    expect(await runDueJobs({ host, worker: 'first' })).toMatchObject({ done: 1 });
    // As if the first worker's "done" had been lost: the job is running again under an expired lease.
    await t.db().update(mailJobs).set({ state: 'running', lockedBy: 'first', lockedUntil: sql`now() - interval '1 second'` }).where(eq(mailJobs.id, job.id));
    expect(await runDueJobs({ host, worker: 'second' })).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([`remove ${w.mailbox.address}`, `remove ${w.mailbox.address}`]);
    expect((await jobs())[0]).toMatchObject({ state: 'done', attempts: 2 });
  });
});

describe('leases', () => {
  it('a job left running by a dead worker becomes due when its lease runs out, not before', async () => {
    const w = await world();
    const job = await queue(w);
    const { host, calls } = recordingHost();
    await t.db().update(mailJobs).set({ state: 'running', attempts: 1, lockedBy: 'dead', lockedUntil: sql`now() + interval '1 minute'` }).where(eq(mailJobs.id, job.id));
    expect(await runDueJobs({ host, worker: 'alive' })).toMatchObject({ claimed: 0 });
    expect(await openJobs(w.mailbox.id)).toBe(1);
    await t.db().update(mailJobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(mailJobs.id, job.id));
    expect(await runDueJobs({ host, worker: 'alive' })).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([`kick ${w.mailbox.address}`]);
    expect((await jobs())[0]).toMatchObject({ state: 'done', attempts: 2, lockedBy: null });
    // A running row without any lease (written by hand, or by an older version) is recovered too.
    const bare = await queue(w);
    await t.db().update(mailJobs).set({ state: 'running' }).where(eq(mailJobs.id, bare.id));
    expect(await runDueJobs({ host })).toMatchObject({ claimed: 1, done: 1 });
  });

  it('a worker that lost its lease cannot overwrite the outcome', async () => {
    const w = await world();
    const job = await queue(w);
    await runDueJobs({ host: null, worker: 'owner' });
    // The job is done by its owner; a stale worker finishing late changes nothing.
    expect(await completeJob({ ex: t.db(), id: job.id, worker: 'stale', note: 'late' })).toBeUndefined();
    expect((await jobs())[0]).toMatchObject({ state: 'done', note: 'noMailHost' });
  });

  it('two workers at once never run the same job twice', async () => {
    const w = await world();
    const boxes = await Promise.all(Array.from({ length: 12 }, (_, i) => insertMailbox(t.db(), w.domain, `box${i}`)));
    await queueMailJobs(
      t.db(),
      boxes.flatMap((box) => [kickJob({ id: box.id, address: box.address, domainId: w.domain.id }), recalcQuotaJob({ id: box.id, address: box.address, domainId: w.domain.id })]),
    );
    const { host, calls } = recordingHost({ delayMs: 5 });
    const drain = async (worker: string) => {
      let claimed = 0;
      for (;;) {
        const summary = await runDueJobs({ host, worker, limit: 3 });
        if (summary.claimed === 0) return claimed;
        claimed += summary.claimed;
      }
    };
    const [a, b, c] = await Promise.all([drain('A'), drain('B'), drain('C')]);
    expect(a + b + c).toBe(24);
    // On PostgreSQL the three really ran side by side (the embedded database runs one statement at a time).
    if (t.kind === 'postgres') expect([a, b, c].filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(calls).toHaveLength(24);
    expect(new Set(calls).size).toBe(24);
    expect((await jobs()).every((job) => job.state === 'done' && job.attempts === 1)).toBe(true);
  });
});

describe('housekeeping', () => {
  it('purges finished jobs after the keeping period, never open or failed ones', async () => {
    const w = await world();
    const old = await queue(w);
    const recent = await queue(w);
    const failed = await queue(w);
    await t.db().update(mailJobs).set({ state: 'done', finishedAt: sql`now() - interval '40 days'` }).where(eq(mailJobs.id, old.id));
    await t.db().update(mailJobs).set({ state: 'done', finishedAt: sql`now() - interval '2 days'` }).where(eq(mailJobs.id, recent.id));
    await t.db().update(mailJobs).set({ state: 'failed', finishedAt: sql`now() - interval '90 days'` }).where(eq(mailJobs.id, failed.id));
    const pending = await queue(w);
    expect(await purgeFinishedJobs({ ex: t.db(), days: 30 })).toEqual([{ id: old.id }]);
    expect((await jobs()).map((job) => job.id)).toEqual([recent.id, failed.id, pending.id]);
  });
});

describe('the worker loop', () => {
  it('wakes when a job is queued, long before its next poll, and stops cleanly', async () => {
    const w = await world();
    const { host, calls } = recordingHost();
    const lines: string[] = [];
    const record = (fields: object, message: string) => void lines.push(`${message} ${JSON.stringify(fields)}`);
    const running = startWorker({ host, pollMs: 60_000, log: { info: record, warn: record, error: record } });
    onJobsQueued(() => running.wake());
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const queued = await queue(w);
      // This job, not the DNS check the worker's first round queues for the domain (lib/jobs/scheduled-dns.ts).
      const kick = async () => (await jobs()).find((job) => job.id === queued.id);
      // The worker logs its round once the round is over, a moment after the job's row reads done.
      const finished = async () => (await kick())?.state === 'done' && calls.length > 0 && lines.some((line) => line.includes('1 done'));
      while (!(await finished()) && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await kick())?.state).toBe('done');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(calls).toEqual([`kick ${w.mailbox.address}`]);
      expect(lines.some((line) => line.includes('1 done'))).toBe(true);
    } finally {
      onJobsQueued(undefined);
      await running.stop();
    }
  });
});

describe('who sees and retries jobs', () => {
  it('admins see their domains’ jobs, the superadmin all, a postmaster none; retry is scoped alike', async () => {
    const w = await world();
    const job = await queue(w);
    await runDueJobs({ host: recordingHost({ failing: () => true }).host, maxAttempts: 1 });
    // A job of a deleted domain belongs to no admin.
    await queueMailJobs(t.db(), [{ kind: 'delete-domain-mail', address: 'gone.example', mailboxId: null, domainId: null }]);

    expect((await listJobs({ caller: w.A, page: 1, pageSize: 25 })).rows.map((r) => r.id)).toEqual([job.id]);
    expect((await listJobs({ caller: w.B, page: 1, pageSize: 25 })).rows).toEqual([]);
    const all = await listJobs({ caller: w.S, page: 1, pageSize: 25 });
    expect(all.total).toBe(2);
    // Failed first.
    expect(all.rows.map((r) => [r.kind, r.state, r.domainName])).toEqual([
      ['kick', 'failed', w.domain.name],
      ['delete-domain-mail', 'pending', null],
    ]);
    await expect(listJobs({ caller: w.PM, page: 1, pageSize: 25 })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });

    const before = await jobs();
    expect(await runAction(() => retryJob({ caller: w.B, ip: IP, id: job.id }))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    expect(await runAction(() => retryJob({ caller: w.PM, ip: IP, id: job.id }))).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'errors.notFound' });
    for (const id of [0, -1, 1.5, '1', null, 999_999]) {
      expect(await runAction(() => retryJob({ caller: w.A, ip: IP, id }))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    }
    expect(await jobs()).toEqual(before);
    expect(await t.db().select().from(auditLog)).toEqual([]);

    expect(await retryJob({ caller: w.S, ip: IP, id: job.id })).toEqual({ ok: true, data: { id: job.id } });
    expect(await t.db().select({ action: auditLog.action, actor: auditLog.actorLabel }).from(auditLog)).toEqual([{ action: 'mailJob.retry', actor: w.S.label }]);
  });
});
