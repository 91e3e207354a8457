import { processSlot } from '@/db/process-global';
import type { PoolStats } from '@/db/open';
import { scrapedGauge } from './registry';

// The database connection pool, read at each scrape, labelled with whose database it is: `panel` (the
// panel and the worker, their database handle: lib/ops/metrics/panel.ts) or `mail` (the policy service's
// own pool, through the mail servers' role). The embedded database has no pool (one in-process
// connection, one query at a time): its source answers null and the gauges have no sample, rather than
// numbers that would mean nothing.

export type PoolSource = () => PoolStats | null;
export type PoolName = 'panel' | 'mail';

const sources = processSlot<Map<PoolName, PoolSource>>('metrics.pool-sources');

function poolGauge(name: string, help: string, read: (stats: PoolStats) => number) {
  return scrapedGauge(name, help, ['database'], (gauge) => {
    gauge.reset();
    for (const [database, source] of sources.getOrCreate(() => new Map())) {
      const stats = source();
      if (stats) gauge.set({ database }, read(stats));
    }
  });
}

type PgPoolCounts = { options: { max?: number }; totalCount: number; idleCount: number; waitingCount: number };

/** A pg.Pool's counts (for a process with a pool of its own, e.g. the policy service). */
export function pgPoolSource(pool: PgPoolCounts): PoolSource {
  return () => ({ max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
}

/** Reports `read`'s pool as `database` from now on (idempotent: the gauges are made once per process). */
export function registerPoolGauges(database: PoolName, read: PoolSource): void {
  sources.getOrCreate(() => new Map()).set(database, read);
  poolGauge('mailpanel_db_pool_connections_in_use', 'Database connections checked out of the pool, running queries or transactions.', (s) => s.total - s.idle);
  poolGauge('mailpanel_db_pool_connections_idle', 'Open database connections idle in the pool.', (s) => s.idle);
  poolGauge('mailpanel_db_pool_waiting_requests', 'Queries waiting for a connection because the pool is at its maximum.', (s) => s.waiting);
  poolGauge('mailpanel_db_pool_max_connections', 'The most connections the pool opens (DATABASE_POOL_MAX).', (s) => s.max);
}
