import 'server-only';
import { getDb } from '@/db';
import { touchLiveSession } from '@/db/queries/sessions';
import type { PrincipalRef } from '../caller';
import { cutoffsAt, TOUCH_INTERVAL_SECONDS } from './policy';
import { hashSessionSecret } from './secret';

/**
 * The id of the principal's live session with this secret (not signed out, ended, idle too long or past
 * its lifetime), or null; records the request as its last use at most once a minute.
 */
export async function liveSessionId({ ref, secret, ip, now = new Date() }: { ref: PrincipalRef; secret: string; ip: string | null; now?: Date }): Promise<number | null> {
  const id = await touchLiveSession({
    ex: getDb(),
    owner: ref,
    secretHash: hashSessionSecret(secret),
    ip,
    now,
    cutoffs: cutoffsAt(now),
    touchBefore: new Date(now.getTime() - TOUCH_INTERVAL_SECONDS * 1000),
  });
  return id ?? null;
}
