import 'server-only';
import type { Gauge } from 'prom-client';
import type { Executor } from '@/db';
import { processSlot } from '@/db/process-global';
import { jobQueueStats, type JobQueueStats } from '@/db/queries/metrics';
import { scrapedGauge } from './registry';

// The mail-host job queue, read from the database at each scrape: it is the same for every process on
// the database, wherever the workers run. One query per scrape, shared by the gauges (prom-client
// collects them concurrently).

const executor = processSlot<() => Executor>('metrics.jobs-executor');
let inFlight: Promise<JobQueueStats | null> | null = null;

function read(): Promise<JobQueueStats | null> {
  const ex = executor.get();
  if (!ex) return Promise.resolve(null);
  inFlight ??= jobQueueStats({ ex: ex() })
    // The database down makes the gauges empty, not the scrape fail: /readyz says the database is down.
    .catch(() => null)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** `fill` sets the gauge from the stats; when the query failed, `null` (a label-less gauge then reads 0: see _ok). */
function jobGauge(name: string, help: string, labelNames: string[], fill: (gauge: Gauge, stats: JobQueueStats | null) => void) {
  // Every worker of a cluster reads the same queue (lib/ops/metrics/cluster.ts): once, not summed.
  return scrapedGauge(
    name,
    help,
    labelNames,
    async (gauge) => {
      const stats = await read();
      gauge.reset();
      fill(gauge, stats);
    },
    'first',
  );
}

/** Reports the queue of the database `ex()` reaches (idempotent: the gauges are made once per process). */
export function registerJobGauges(ex: () => Executor): void {
  executor.set(ex);
  jobGauge('mailpanel_job_stats_ok', '1 when the job-queue gauges below were read from the database at this scrape, 0 when it did not answer (they then read 0).', [], (gauge, s) =>
    gauge.set(s ? 1 : 0),
  );
  jobGauge('mailpanel_job_queue_depth', 'Mail-host jobs waiting (pending, including retries in backoff) or being applied (running).', ['state'], (gauge, s) => {
    if (!s) return;
    gauge.set({ state: 'pending' }, s.pending);
    gauge.set({ state: 'running' }, s.running);
  });
  jobGauge('mailpanel_job_oldest_queued_age_seconds', 'Age of the oldest pending or running mail-host job (0 when none is).', [], (gauge, s) => gauge.set(s?.oldestQueuedSeconds ?? 0));
  jobGauge('mailpanel_jobs_failed', 'Mail-host jobs that failed for good and wait for an operator (Jobs page: retry).', [], (gauge, s) => gauge.set(s?.failed ?? 0));
}
