import 'server-only';
import { getDb } from '@/db';
import { deleteThrottle, lockThrottleIfDue, pruneThrottleRows, releaseThrottle, reserveThrottle, type ThrottleCounter } from '@/db/queries/sign-in-throttle';
import { parseIpEntry } from '@/lib/validations/ip-allowlist';

// Failed sign-ins (password or code), counted in the database so the count holds across app servers:
// per account (the normalized identifier, whether or not it exists) and per source address.
export const THROTTLE_MAX_FAILURES = 10;
export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_LOCK_MINUTES = 15;

type Counter = ThrottleCounter;

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

const reserve = (counter: Counter, now: Date) => reserveThrottle({ ex: getDb(), counter, now, windowMinutes: THROTTLE_WINDOW_MINUTES });
const release = (counter: Counter) => releaseThrottle({ ex: getDb(), counter });
const lockIfDue = (counter: Counter, now: Date) =>
  lockThrottleIfDue({ ex: getDb(), counter, now, maxFailures: THROTTLE_MAX_FAILURES, lockMinutes: THROTTLE_LOCK_MINUTES });
const resetCounter = (counter: Counter) => deleteThrottle({ ex: getDb(), counter });

/** Rows that no longer count anything (window over, not locked): deleting one is the same as resetting it. */
export async function pruneThrottle(now: Date = new Date()): Promise<void> {
  await pruneThrottleRows({ ex: getDb(), now, windowMinutes: THROTTLE_WINDOW_MINUTES });
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
