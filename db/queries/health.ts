import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { workerHeartbeats } from '@/db/schema';

// What `/readyz` asks the database (lib/health/readiness.ts), and the worker's heartbeat.

type Rows<T> = { rows: T[] };

export async function pingDatabase({ ex }: { ex: Executor }): Promise<void> {
  await ex.execute(sql`select 1`);
}

/** When the newest migration applied here was made (drizzle's journal `when`), or null if none is. */
export async function latestAppliedMigration({ ex }: { ex: Executor }): Promise<number | null> {
  const result = (await ex.execute(
    sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`,
  )) as unknown as Rows<{ at: string | null }>;
  const at = result.rows[0]?.at;
  return at == null ? null : Number(at);
}

/** How many milliseconds ago the most recent worker beat, by the database's clock; null if none ever did. */
export async function newestHeartbeatAgeMs({ ex }: { ex: Executor }): Promise<number | null> {
  const result = (await ex.execute(
    sql`select (extract(epoch from (now() - max(${workerHeartbeats.beatAt}))) * 1000)::float8 as age from ${workerHeartbeats}`,
  )) as unknown as Rows<{ age: number | string | null }>;
  const age = result.rows[0]?.age;
  return age == null ? null : Number(age);
}

export async function recordHeartbeat({ ex, worker }: { ex: Executor; worker: string }): Promise<void> {
  await ex
    .insert(workerHeartbeats)
    .values({ worker, beatAt: sql`now()` })
    .onConflictDoUpdate({ target: workerHeartbeats.worker, set: { beatAt: sql`now()` } });
}

/** Forgets workers not seen for `days` days (each run of a worker has its own id). */
export async function purgeHeartbeats({ ex, days }: { ex: Executor; days: number }): Promise<void> {
  await ex.delete(workerHeartbeats).where(sql`${workerHeartbeats.beatAt} < now() - ${days} * interval '1 day'`);
}
