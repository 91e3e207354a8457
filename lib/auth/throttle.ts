import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { parseIpEntry } from '@/lib/validations/ip-allowlist';

// Failed sign-ins (password or code), counted in the database so the count holds across app servers:
// per account (the normalized identifier, whether or not it exists) and per source address.
export const THROTTLE_MAX_FAILURES = 10;
export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_LOCK_MINUTES = 15;

type Scope = 'account' | 'ip';
type Counter = { scope: Scope; key: string };

/** An attempt that may go ahead; exactly one of the three must be called when its outcome is known. */
export type OpenAttempt = {
  throttled: false;
  /** A wrong password or code (or any refusal): it counts; the 10th within the window locks. */
  fail(): Promise<void>;
  /** Signed in: the account's count starts again; the address's is left as it was. */
  succeed(): Promise<void>;
  /** Neither (the password was right and the code step follows): the attempt is not counted. */
  neutral(): Promise<void>;
};
export type Attempt = OpenAttempt | { throttled: true; retryAfterMinutes: number };

/** IPv6 callers are counted per /64: one machine usually has a whole /64 to pick addresses from. */
export function ipThrottleKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const entry = parseIpEntry(`${ip}/64`);
  if (entry.ok) return entry.value;
  return entry.reason === 'hostBits' ? entry.network : ip;
}

function at(now: Date) {
  return sql`${now.toISOString()}::timestamptz`;
}

type Row = { failures: number | string; locked_seconds: number | string | null };

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Counts the attempt before it is made (so a burst of parallel tries cannot slip past the limit),
 * unless the counter is locked. A new window starts when the current one is older than 15 minutes.
 */
async function reserve({ scope, key }: Counter, now: Date): Promise<{ failures: number; lockedSeconds: number | null }> {
  const NOW = at(now);
  const expired = sql`t.window_started_at <= ${NOW} - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
  const locked = sql`t.locked_until > ${NOW}`;
  const result = await getDb().execute(sql`
    insert into sign_in_throttle as t (scope, key, failures, window_started_at, locked_until)
    values (${scope}, ${key}, 1, ${NOW}, null)
    on conflict (scope, key) do update set
      failures = case when ${locked} then t.failures when ${expired} then 1 else t.failures + 1 end,
      window_started_at = case when ${locked} then t.window_started_at when ${expired} then ${NOW} else t.window_started_at end,
      locked_until = case when ${locked} then t.locked_until else null end
    returning t.failures, ceil(extract(epoch from (t.locked_until - ${NOW})))::int as locked_seconds`);
  const [row] = rowsOf<Row>(result);
  return { failures: Number(row?.failures ?? 0), lockedSeconds: row?.locked_seconds == null ? null : Number(row.locked_seconds) };
}

async function release({ scope, key }: Counter): Promise<void> {
  await getDb().execute(sql`update sign_in_throttle set failures = greatest(failures - 1, 0) where scope = ${scope} and key = ${key}`);
}

async function lockIfDue({ scope, key }: Counter, now: Date): Promise<void> {
  const NOW = at(now);
  await getDb().execute(sql`
    update sign_in_throttle set locked_until = ${NOW} + make_interval(mins => ${THROTTLE_LOCK_MINUTES})
    where scope = ${scope} and key = ${key} and failures >= ${THROTTLE_MAX_FAILURES}
      and (locked_until is null or locked_until <= ${NOW})`);
}

async function resetCounter({ scope, key }: Counter): Promise<void> {
  await getDb().execute(sql`delete from sign_in_throttle where scope = ${scope} and key = ${key}`);
}

/** Rows that no longer count anything (window over, not locked): deleting one is the same as resetting it. */
export async function pruneThrottle(now: Date = new Date()): Promise<void> {
  const NOW = at(now);
  await getDb().execute(sql`
    delete from sign_in_throttle
    where window_started_at <= ${NOW} - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})
      and (locked_until is null or locked_until <= ${NOW})`);
}

/**
 * Starts a sign-in attempt for an account (normalized identifier) from an address (null when unknown):
 * refused while either is locked, or while ten attempts of the window are already counted.
 */
export async function beginAttempt({
  account,
  ip,
  now = new Date(),
  namespace = '',
}: {
  account: string;
  ip: string | null;
  now?: Date;
  /** Counters apart from the sign-in's ('' is sign-in): password-recovery requests count as `reset:`. */
  namespace?: '' | 'reset:';
}): Promise<Attempt> {
  if (Math.random() < 0.02) await pruneThrottle(now).catch(() => {});
  const counters: Counter[] = [{ scope: 'account', key: `${namespace}${account}`.slice(0, 320) }];
  if (ip) counters.push({ scope: 'ip', key: `${namespace}${ipThrottleKey(ip)}` });

  const reserved: Counter[] = [];
  let retryAfterSeconds = 0;
  for (const counter of counters) {
    const { failures, lockedSeconds } = await reserve(counter, now);
    if (lockedSeconds !== null && lockedSeconds > 0) {
      retryAfterSeconds = Math.max(retryAfterSeconds, lockedSeconds);
    } else {
      reserved.push(counter);
      if (failures > THROTTLE_MAX_FAILURES) retryAfterSeconds = Math.max(retryAfterSeconds, THROTTLE_LOCK_MINUTES * 60);
    }
  }
  if (retryAfterSeconds > 0) {
    // A refused attempt is not counted: the lock alone decides when tries may start again.
    for (const counter of reserved) await release(counter);
    return { throttled: true, retryAfterMinutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) };
  }

  let settled = false;
  const settle = async (outcome: (counter: Counter) => Promise<void>) => {
    if (settled) return;
    settled = true;
    for (const counter of reserved) await outcome(counter);
  };
  return {
    throttled: false,
    fail: () => settle((counter) => lockIfDue(counter, now)),
    succeed: () => settle((counter) => (counter.scope === 'account' ? resetCounter(counter) : release(counter))),
    neutral: () => settle(release),
  };
}
