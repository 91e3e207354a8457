import 'server-only';
import { getDb, type Executor } from '@/db';
import { deleteThrottle, deleteThrottleOfAccount, lockThrottleIfDue, pruneThrottleRows, releaseThrottle, reserveThrottle, type ThrottleCounter } from '@/db/queries/sign-in-throttle';
import { parseIpEntry } from '@/lib/validations/ip-allowlist';

// Failed sign-ins (password or code), counted in the database so the count holds across app servers.
// Brute force stays impossible, but a stranger cannot lock an account out by failing on purpose
// (OWASP's "device cookies"):
//   - per account and source address: 10 failures in 15 minutes lock that pair for 15 minutes;
//   - per source address, whatever accounts it tries: 30;
//   - per account, from anywhere: 50 — the ceiling on a distributed guess. A browser that signed in
//     to the account before (lib/auth/device-cookie.ts) is not held by it: its failures count against
//     the device instead (10), so an attack from elsewhere does not lock the owner out.
// `npm run admin:unlock` clears an account's counters.

/** The per-(account, address) ceiling; also the device's and password recovery's. */
export const THROTTLE_MAX_FAILURES = 10;
/** Failures from one address, across accounts. */
export const THROTTLE_MAX_IP_FAILURES = 30;
/** Failures on one account from all addresses (except trusted devices). */
export const THROTTLE_MAX_ACCOUNT_FAILURES = 50;
export const THROTTLE_WINDOW_MINUTES = 15;
export const THROTTLE_LOCK_MINUTES = 15;

type Counter = ThrottleCounter & { max: number };

/** An attempt that may go ahead; exactly one of the three must be called when its outcome is known. */
export type OpenAttempt = {
  throttled: false;
  /** A wrong password or code (or any refusal): it counts; reaching a counter's ceiling locks it. */
  fail(): Promise<void>;
  /** Signed in: the account's counts start again; the address's is left as it was. */
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
  lockThrottleIfDue({ ex: getDb(), counter, now, maxFailures: counter.max, lockMinutes: THROTTLE_LOCK_MINUTES });
const resetCounter = (counter: Counter) => deleteThrottle({ ex: getDb(), counter });

/** Rows that no longer count anything (window over, not locked): deleting one is the same as resetting it. */
export async function pruneThrottle(now: Date = new Date()): Promise<void> {
  await pruneThrottleRows({ ex: getDb(), now, windowMinutes: THROTTLE_WINDOW_MINUTES });
}

/** Ends every lock and count of an account (normalized identifier), sign-in's and recovery's alike. */
export async function unlockAccount(account: string, ex: Executor = getDb()): Promise<number> {
  return deleteThrottleOfAccount({ ex, accounts: [account, `reset:${account}`].map(accountKey) });
}

const accountKey = (account: string) => account.slice(0, 320);

function countersFor({ account, ip, namespace, device }: { account: string; ip: string | null; namespace: '' | 'reset:'; device: string | null }): Counter[] {
  const key = accountKey(`${namespace}${account}`);
  const source = ip ? ipThrottleKey(ip) : 'unknown';
  // Recovery requests send mail: 10 per account, 10 per address, as ever (no lock-out to fear there).
  if (namespace === 'reset:') {
    const counters: Counter[] = [{ scope: 'account', key, max: THROTTLE_MAX_FAILURES }];
    if (ip) counters.push({ scope: 'ip', key: `${namespace}${source}`, max: THROTTLE_MAX_FAILURES });
    return counters;
  }
  const counters: Counter[] = [{ scope: 'account-ip', key: `${key}|${source}`, max: THROTTLE_MAX_FAILURES }];
  if (ip) counters.push({ scope: 'ip', key: source, max: THROTTLE_MAX_IP_FAILURES });
  counters.push(device ? { scope: 'device', key: device, max: THROTTLE_MAX_FAILURES } : { scope: 'account', key, max: THROTTLE_MAX_ACCOUNT_FAILURES });
  return counters;
}

/**
 * Starts a sign-in attempt for an account (normalized identifier) from an address (null when unknown),
 * from a trusted device of that account or not (its id, see trustedDevice): refused while any of its
 * counters is locked or already at its ceiling.
 */
export async function beginAttempt({
  account,
  ip,
  now = new Date(),
  namespace = '',
  device = null,
}: {
  account: string;
  ip: string | null;
  now?: Date;
  /** Counters apart from the sign-in's ('' is sign-in): password-recovery requests count as `reset:`. */
  namespace?: '' | 'reset:';
  /** A device that signed in to this account before: it is not held by the account's ceiling. */
  device?: string | null;
}): Promise<Attempt> {
  if (Math.random() < 0.02) await pruneThrottle(now).catch(() => {});
  const counters = countersFor({ account, ip, namespace, device });

  const reserved: Counter[] = [];
  let retryAfterSeconds = 0;
  for (const counter of counters) {
    const { failures, lockedSeconds } = await reserve(counter, now);
    if (lockedSeconds !== null && lockedSeconds > 0) {
      retryAfterSeconds = Math.max(retryAfterSeconds, lockedSeconds);
    } else {
      reserved.push(counter);
      if (failures > counter.max) retryAfterSeconds = Math.max(retryAfterSeconds, THROTTLE_LOCK_MINUTES * 60);
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
    succeed: () => settle((counter) => (counter.scope === 'ip' ? release(counter) : resetCounter(counter))),
    neutral: () => settle(release),
  };
}
