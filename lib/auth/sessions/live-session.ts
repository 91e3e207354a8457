import type { LiveSessionCheck } from '@/db/queries/sessions';
import { cutoffsAt, TOUCH_INTERVAL_SECONDS } from './policy';
import { hashSessionSecret } from './secret';

/**
 * What finds the live session with this secret at `now` (not signed out, ended, idle too long or past its
 * lifetime), and records the request as its last use at most once a minute.
 */
export function liveSessionCheck({ secret, ip, now }: { secret: string; ip: string | null; now: Date }): LiveSessionCheck {
  return {
    secretHash: hashSessionSecret(secret),
    ip,
    now,
    cutoffs: cutoffsAt(now),
    touchBefore: new Date(now.getTime() - TOUCH_INTERVAL_SECONDS * 1000),
  };
}
