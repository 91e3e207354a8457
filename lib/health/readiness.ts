import 'server-only';
import { getDb, type Executor } from '@/db';
import journal from '@/db/migrations/meta/_journal.json';
import { latestAppliedMigration, newestHeartbeatAgeMs, pingDatabase } from '@/db/queries/health';

// `/readyz`: may this server take traffic? The database answers, its schema is at least the one this code
// was built for (a newer one, from a server upgraded first, is fine), and some job worker, here or
// elsewhere, has turned its loop lately. The answer names each check with ok or fail and nothing more:
// it is public, so no versions, addresses or error texts.

export type CheckState = 'ok' | 'fail' | 'off';
export type Readiness = { ready: boolean; checks: { database: CheckState; migrations: CheckState; worker: CheckState } };

/** The default for READY_WORKER_MAX_AGE_S: a worker's job lease (lib/jobs/worker.ts LEASE_MS). */
export const DEFAULT_WORKER_MAX_AGE_S = 300;
/** No check may hold `/readyz` longer than this: a hung database is a failed check, not a hung probe. */
const CHECK_TIMEOUT_MS = 5_000;

const LATEST_MIGRATION = Math.max(...journal.entries.map((entry) => entry.when));

/** READY_WORKER_MAX_AGE_S in milliseconds; 0 turns the worker check off. */
export function workerMaxAgeMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.READY_WORKER_MAX_AGE_S;
  const seconds = raw === undefined || raw.trim() === '' ? DEFAULT_WORKER_MAX_AGE_S : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_WORKER_MAX_AGE_S * 1000;
}

async function check(probe: () => Promise<boolean>): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    return (await Promise.race([probe(), timeout])) ? 'ok' : 'fail';
  } catch {
    return 'fail';
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness({ ex = getDb(), maxWorkerAgeMs = workerMaxAgeMs() }: { ex?: Executor; maxWorkerAgeMs?: number } = {}): Promise<Readiness> {
  const database = await check(async () => (await pingDatabase({ ex }), true));
  const skipped: CheckState = 'fail';
  const migrations = database === 'ok' ? await check(async () => ((await latestAppliedMigration({ ex })) ?? -1) >= LATEST_MIGRATION) : skipped;
  const worker: CheckState =
    maxWorkerAgeMs === 0
      ? 'off'
      : database === 'ok'
        ? await check(async () => {
            const age = await newestHeartbeatAgeMs({ ex });
            return age !== null && age <= maxWorkerAgeMs;
          })
        : skipped;
  const checks = { database, migrations, worker };
  return { ready: Object.values(checks).every((state) => state !== 'fail'), checks };
}
