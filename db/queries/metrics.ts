import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailJobs } from '@/db/schema';

// What `/metrics` asks the database at each scrape (lib/ops/metrics/jobs.ts).

export type JobQueueStats = { pending: number; running: number; failed: number; oldestQueuedSeconds: number };

/** The mail-host job queue now: jobs waiting or being applied, jobs failed for good, the oldest open job's age. */
export async function jobQueueStats({ ex }: { ex: Executor }): Promise<JobQueueStats> {
  const result = (await ex.execute(sql`
    select count(*) filter (where state = 'pending')::int as pending,
           count(*) filter (where state = 'running')::int as running,
           count(*) filter (where state = 'failed')::int as failed,
           coalesce(extract(epoch from (now() - min(created_at) filter (where state in ('pending', 'running')))), 0)::float8 as oldest
      from ${mailJobs}
     where state <> 'done'`)) as unknown as { rows: { pending: number | string; running: number | string; failed: number | string; oldest: number | string }[] };
  const row = result.rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    running: Number(row?.running ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestQueuedSeconds: Math.max(0, Number(row?.oldest ?? 0)),
  };
}
