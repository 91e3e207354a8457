import pg from 'pg';
import { MAX_ATTEMPTS } from './backoff';
import { onJobsQueued } from './enqueue';
import { mailHostFromEnv } from './mail-host';
import { componentLogger } from '@/lib/ops/log/logger';
import { startWorker, type RunningWorker, type WorkerLog } from './worker';

const CHANNEL = 'mail_jobs';

/**
 * LISTEN mail_jobs on its own connection (PostgreSQL only): jobs queued by any app server wake this
 * worker at their commit. Reconnects after a lost connection; polling covers the gaps.
 */
function listenForJobs(url: string, wake: () => void, log: WorkerLog): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    const again = () => {
      if (stopped || client !== next) return;
      client = null;
      retry = setTimeout(() => void connect(), 5_000);
    };
    client = next;
    next.on('notification', () => wake());
    next.on('error', (error) => {
      log.warn({ err: error }, 'LISTEN connection lost; reconnecting in 5 s');
      void next.end().catch(() => {});
      again();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (stopped) await next.end();
      else wake();
    } catch (error) {
      log.warn({ err: error }, 'cannot LISTEN: polling only');
      void next.end().catch(() => {});
      again();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

export type JobWorker = { stop(): Promise<void> };

/**
 * The worker as the environment configures it, started beside the server (scripts/start.ts → server.ts)
 * or alone (`npm run worker`). JOB_WORKER=off: none here (run `npm run worker` elsewhere). It uses the
 * process's one database handle, which the embedded database requires (one process only).
 */
export function startWorkerFromEnv({ log = componentLogger('worker'), env = process.env }: { log?: WorkerLog; env?: Record<string, string | undefined> } = {}): JobWorker | null {
  if ((env.JOB_WORKER ?? '').toLowerCase() === 'off') {
    log.info({}, 'JOB_WORKER=off: this process applies no mail-host jobs');
    return null;
  }
  const host = mailHostFromEnv(env);
  const pollMs = Math.min(60_000, Math.max(200, Number(env.JOB_POLL_MS) || 5_000));
  const maxAttempts = Math.min(50, Math.max(1, Math.floor(Number(env.JOB_MAX_ATTEMPTS) || MAX_ATTEMPTS)));
  log.info({}, host ? `applying mail-host jobs through ${host.describe}` : 'no mail host configured (MAIL_DOVEADM unset): jobs complete without action');
  const running: RunningWorker = startWorker({ host, pollMs, maxAttempts, log });
  onJobsQueued(() => running.wake());
  const unlisten = env.DATABASE_URL ? listenForJobs(env.DATABASE_URL, () => running.wake(), log) : async () => {};
  return {
    async stop() {
      onJobsQueued(undefined);
      await unlisten();
      await running.stop();
    },
  };
}
