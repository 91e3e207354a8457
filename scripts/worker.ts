import './outside-next'; // first: see scripts/outside-next.ts
import { closeDatabase, getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { mailHostFromEnv } from '@/lib/jobs/mail-host';
import { startWorkerFromEnv } from '@/lib/jobs/start';
import { startMetricsListenerFromEnv } from '@/lib/ops/metrics/listener';
import { registerPanelMetrics } from '@/lib/ops/metrics/panel';
import { runDueJobs } from '@/lib/jobs/worker';
import { componentLogger } from '@/lib/ops/log/logger';

// `npm run worker`: applies the mail-host jobs (lib/jobs). `npm start` already runs one inside the
// server; run this one on PostgreSQL to apply jobs on the mail host itself (set JOB_WORKER=off on the
// app servers if only this one should). `--once`: apply what is due now and exit (e.g. from cron).
const log = componentLogger('worker');

async function main() {
  const handle = getDatabaseHandle();
  await runMigrations(handle);
  if (process.argv.includes('--once')) {
    let total = 0;
    for (;;) {
      const summary = await runDueJobs({ host: mailHostFromEnv() });
      total += summary.claimed;
      if (summary.claimed === 0) break;
    }
    log.info({ total }, `${total} job(s) run`);
    return;
  }
  // WORKER_METRICS_PORT: this process's metrics (its pool, the job queue, its CPU and memory) on a loopback port.
  registerPanelMetrics();
  await startMetricsListenerFromEnv('worker', 'WORKER_METRICS_PORT');
  const worker = startWorkerFromEnv({ env: { ...process.env, JOB_WORKER: 'on' } });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, `${signal}: stopping the worker`);
      void worker?.stop().finally(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main()
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'the worker stopped on an error');
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
