import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';

// The sign-in throttle's counters (sign_in_throttle): one row per (scope, key), counting failures in a
// window and locked until a time once too many. The limits are lib/auth/throttle.ts's to set.

/** account, ip, account-ip (`account|address`), device (a trusted device's id). */
export type ThrottleCounter = { scope: 'account' | 'ip' | 'account-ip' | 'device'; key: string };

function at(now: Date) {
  return sql`${now.toISOString()}::timestamptz`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Counts an attempt before it is made, unless the counter is locked. A new window starts when the
 * current one is older than `windowMinutes`. Returns the count and how long the lock still holds.
 */
export async function reserveThrottle({
  ex,
  counter: { scope, key },
  now,
  windowMinutes,
}: {
  ex: Executor;
  counter: ThrottleCounter;
  now: Date;
  windowMinutes: number;
}): Promise<{ failures: number; lockedSeconds: number | null }> {
  const NOW = at(now);
  const expired = sql`t.window_started_at <= ${NOW} - make_interval(mins => ${windowMinutes})`;
  const locked = sql`t.locked_until > ${NOW}`;
  const result = await ex.execute(sql`
    insert into sign_in_throttle as t (scope, key, failures, window_started_at, locked_until)
    values (${scope}, ${key}, 1, ${NOW}, null)
    on conflict (scope, key) do update set
      failures = case when ${locked} then t.failures when ${expired} then 1 else t.failures + 1 end,
      window_started_at = case when ${locked} then t.window_started_at when ${expired} then ${NOW} else t.window_started_at end,
      locked_until = case when ${locked} then t.locked_until else null end
    returning t.failures, ceil(extract(epoch from (t.locked_until - ${NOW})))::int as locked_seconds`);
  const [row] = rowsOf<{ failures: number | string; locked_seconds: number | string | null }>(result);
  return { failures: Number(row?.failures ?? 0), lockedSeconds: row?.locked_seconds == null ? null : Number(row.locked_seconds) };
}

/** Takes back one reserved attempt. */
export async function releaseThrottle({ ex, counter: { scope, key } }: { ex: Executor; counter: ThrottleCounter }): Promise<void> {
  await ex.execute(sql`update sign_in_throttle set failures = greatest(failures - 1, 0) where scope = ${scope} and key = ${key}`);
}

/** Locks the counter for `lockMinutes` once it holds `maxFailures`, unless it is locked already. */
export async function lockThrottleIfDue({
  ex,
  counter: { scope, key },
  now,
  maxFailures,
  lockMinutes,
}: {
  ex: Executor;
  counter: ThrottleCounter;
  now: Date;
  maxFailures: number;
  lockMinutes: number;
}): Promise<void> {
  const NOW = at(now);
  await ex.execute(sql`
    update sign_in_throttle set locked_until = ${NOW} + make_interval(mins => ${lockMinutes})
    where scope = ${scope} and key = ${key} and failures >= ${maxFailures}
      and (locked_until is null or locked_until <= ${NOW})`);
}

export async function deleteThrottle({ ex, counter: { scope, key } }: { ex: Executor; counter: ThrottleCounter }): Promise<void> {
  await ex.execute(sql`delete from sign_in_throttle where scope = ${scope} and key = ${key}`);
}

/** Deletes the counters of these accounts (their own and their per-address ones); returns how many. */
export async function deleteThrottleOfAccount({ ex, accounts }: { ex: Executor; accounts: string[] }): Promise<number> {
  let deleted = 0;
  for (const key of accounts) {
    const result = await ex.execute(sql`
      delete from sign_in_throttle
      where (scope = 'account' and key = ${key}) or (scope = 'account-ip' and starts_with(key, ${`${key}|`}))
      returning scope`);
    deleted += rowsOf(result).length;
  }
  return deleted;
}

/** Rows that no longer count anything (window over, not locked): deleting one is the same as resetting it. */
export async function pruneThrottleRows({ ex, now, windowMinutes }: { ex: Executor; now: Date; windowMinutes: number }): Promise<void> {
  const NOW = at(now);
  await ex.execute(sql`
    delete from sign_in_throttle
    where window_started_at <= ${NOW} - make_interval(mins => ${windowMinutes})
      and (locked_until is null or locked_until <= ${NOW})`);
}
