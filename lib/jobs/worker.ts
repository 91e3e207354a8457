import 'server-only';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { getDb, type Executor } from '@/db';
import { purgeHeartbeats, recordHeartbeat } from '@/db/queries/health';
import { claimDueJobs, completeJob, failJobRun, purgeFinishedJobs, settleSupersededJobs } from '@/db/queries/mail-jobs';
import { saveMailboxUsage } from '@/db/queries/mailbox-usage';
import { domainByName } from '@/db/queries/dns-checks';
import { renderDkimKeys, dkimFilesFromEnv } from '@/lib/dkim/render-keys';
import { reloadSigner } from '@/lib/dkim/reload-signer';
import { runDnsCheck } from '@/lib/dns/check-domain-dns';
import { runScheduledDnsWork } from './scheduled-dns';
import { componentLogger } from '@/lib/ops/log/logger';
import { applyJob, type JobRecords } from './apply-job';
import { backoffMs, isFinalAttempt, MAX_ATTEMPTS } from './backoff';
import type { MailHost } from './mail-host';

/** How long a claimed job is a worker's: longer than any one doveadm call (60 s) with room to spare. */
export const LEASE_MS = 5 * 60_000;
export const DEFAULT_BATCH = 20;

/** The part of a pino logger the worker uses (tests pass their own). */
export type WorkerLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: { err: unknown }, message: string): void;
};

export type RunSummary = { claimed: number; done: number; retrying: number; failed: number; lost: number };

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

const defaultWorker = newWorkerId();

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim() || 'Unknown error';
}

/**
 * Claims the jobs due now (at most `limit`) and applies each through `host` (null: no mail host, the
 * jobs complete as no-ops, noted). A job that throws is retried after an exponential backoff and, after
 * `maxAttempts` runs, failed with its error. Finishing is conditional on still holding the lease, so a
 * worker that stalled past it cannot overwrite the outcome of the worker that took the job over.
 */
export async function runDueJobs({
  host,
  limit = DEFAULT_BATCH,
  worker = defaultWorker,
  leaseMs = LEASE_MS,
  maxAttempts = MAX_ATTEMPTS,
  backoff = backoffMs,
  ex = getDb(),
}: {
  host: MailHost | null;
  limit?: number;
  worker?: string;
  leaseMs?: number;
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  ex?: Executor;
}): Promise<RunSummary> {
  const summary: RunSummary = { claimed: 0, done: 0, retrying: 0, failed: 0, lost: 0 };
  const records: JobRecords = {
    saveUsage: (address, usage) => saveMailboxUsage({ ex, address, ...usage }),
    checkDns: async (name) => {
      const domain = await domainByName({ ex, name });
      return domain ? `dns:${(await runDnsCheck({ ex, domain })).status}` : 'domainGone';
    },
    syncDkim: async () => {
      const files = dkimFilesFromEnv();
      if (!files) return 'noDkimKeyDir';
      const rendered = await renderDkimKeys({ ex, files });
      // A domain's second signature started, stopped or rotated: rspamd must reload to see it.
      return `dkimKeys:${rendered.keys}${rendered.includeChanged ? ` signer:${await reloadSigner()}` : ''}`;
    },
  };
  const jobs = await claimDueJobs({ ex, worker, limit, leaseMs });
  summary.claimed = jobs.length;
  for (const job of jobs) {
    let note: string | null;
    try {
      note = await applyJob(job, host, records);
    } catch (error) {
      const final = isFinalAttempt(job.attempts, maxAttempts);
      const row = await failJobRun({ ex, id: job.id, worker, error: messageOf(error), retryInMs: backoff(job.attempts), final });
      if (!row) summary.lost += 1;
      else if (final) summary.failed += 1;
      else summary.retrying += 1;
      continue;
    }
    const row = await completeJob({ ex, id: job.id, worker, note });
    if (!row) {
      summary.lost += 1;
      continue;
    }
    await settleSupersededJobs({ ex, id: row.id, kind: row.kind, address: row.address });
    summary.done += 1;
  }
  return summary;
}

export type WorkerOptions = {
  host: MailHost | null;
  /** How often to look for due jobs when nothing wakes the worker (also catches retries coming due). */
  pollMs?: number;
  limit?: number;
  /** Runs before a failing job is failed (default MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Default: the process logger, component 'worker'. */
  log?: WorkerLog;
  /** Finished jobs are kept this many days (for the record), then purged; checked hourly. */
  keepDays?: number;
};

export type RunningWorker = {
  /** Look now (new jobs were queued). */
  wake(): void;
  /** Stops after the job in hand (waiting at most `graceMs`); a job cut short runs again after its lease. */
  stop(graceMs?: number): Promise<void>;
};

/** The worker loop: runs due jobs until none are left, then sleeps until woken or `pollMs` passed. */
export function startWorker({ host, pollMs = 5_000, limit = DEFAULT_BATCH, maxAttempts = MAX_ATTEMPTS, log = componentLogger('worker'), keepDays = 30 }: WorkerOptions): RunningWorker {
  const worker = newWorkerId();
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let lastPurge = 0;
  let lastBeat = 0;

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
      timer = setTimeout(done, pollMs);
      wakeUp = done;
    });

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      try {
        // So `/readyz` can tell a worker is alive (lib/health/readiness.ts: recent = 300 s by default): the
        // first turn, then at most every 30 s, not a write per turn of a busy queue.
        if (Date.now() - lastBeat >= 30_000) {
          await recordHeartbeat({ ex: getDb(), worker });
          lastBeat = Date.now();
        }
        const summary = await runDueJobs({ host, limit, worker, maxAttempts });
        if (summary.claimed > 0) {
          log.info({ ...summary }, `${summary.claimed} job(s): ${summary.done} done, ${summary.retrying} to retry, ${summary.failed} failed${summary.lost ? `, ${summary.lost} lost to another worker` : ''}`);
        }
        if (Date.now() - lastPurge > 3_600_000) {
          lastPurge = Date.now();
          await runScheduledDnsWork({ ex: getDb() });
          await purgeFinishedJobs({ ex: getDb(), days: keepDays });
          await purgeHeartbeats({ ex: getDb(), days: 1 });
        }
        if (summary.claimed >= limit) continue;
      } catch (error) {
        if (stopped) break;
        log.error({ err: error }, `job round failed: ${messageOf(error)}`);
      }
      await sleep();
    }
  })();

  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop(graceMs = 5_000) {
      stopped = true;
      wakeUp?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    },
  };
}
