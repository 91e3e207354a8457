// How a failing mail-host job is retried: exponential backoff with jitter, then "failed" for an admin.

/** Attempts before a job is marked failed (the first run counts as one). */
export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 15_000;
export const BACKOFF_CAP_MS = 30 * 60_000;
/** ± this share of the delay, so that jobs which failed together (a mail host down) do not retry together. */
export const BACKOFF_JITTER = 0.2;

/**
 * The wait after the `attempt`-th run failed (1-based): 15 s, 30 s, 1 min, 2 min … up to 30 min, each
 * within ±20%. With MAX_ATTEMPTS = 8 a job keeps trying for about half an hour before it is failed.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const plain = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
  const jitter = 1 + BACKOFF_JITTER * (2 * Math.min(1, Math.max(0, random())) - 1);
  return Math.round(plain * jitter);
}

/** Whether a job that has now run `attempts` times and failed is given up on. */
export function isFinalAttempt(attempts: number, maxAttempts: number = MAX_ATTEMPTS): boolean {
  return attempts >= maxAttempts;
}
