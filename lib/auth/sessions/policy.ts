// How long a panel session lives (README, "Configuration"; docs/security.md). The defaults follow NIST
// SP 800-63B for a second factor's level (AAL2): signed out after 30 minutes without a request, and
// after 12 hours whatever the activity.

export const DEFAULT_IDLE_MINUTES = 30;
export const DEFAULT_MAX_HOURS = 12;
/** A session's last use is written at most this often (so the idle timeout is exact to this). */
export const TOUCH_INTERVAL_SECONDS = 60;

export type SessionPolicy = { idleMs: number; maxMs: number };

/** A whole number from the environment within [min, max]; the default when unset or not a number. */
function setting(value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(parsed)));
}

/** SESSION_IDLE_MINUTES (5 to 1440) and SESSION_MAX_HOURS (1 to 720). */
export function sessionPolicy(env: Record<string, string | undefined> = process.env): SessionPolicy {
  const idleMinutes = setting(env.SESSION_IDLE_MINUTES, DEFAULT_IDLE_MINUTES, 5, 24 * 60);
  const maxHours = setting(env.SESSION_MAX_HOURS, DEFAULT_MAX_HOURS, 1, 30 * 24);
  return { idleMs: idleMinutes * 60_000, maxMs: maxHours * 3_600_000 };
}

/** The session cookie's own lifetime, in seconds: the absolute lifetime (the server ends it sooner when idle). */
export function sessionMaxAgeSeconds(env: Record<string, string | undefined> = process.env): number {
  return sessionPolicy(env).maxMs / 1000;
}

/** The instants a live session must have been seen and created after, at `now`. */
export function cutoffsAt(now: Date, policy: SessionPolicy = sessionPolicy()) {
  return { idleCutoff: new Date(now.getTime() - policy.idleMs), absoluteCutoff: new Date(now.getTime() - policy.maxMs) };
}
