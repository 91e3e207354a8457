import 'server-only';
import { getDb } from '@/db';
import { deleteDeadSessions, insertSession } from '@/db/queries/sessions';
import type { PrincipalRef } from '../caller';
import { cutoffsAt } from './policy';
import { hashSessionSecret, newSessionSecret } from './secret';

/** Browsers send a few hundred characters; the column keeps at most 512. */
const USER_AGENT_MAX = 512;

/**
 * A new session for a principal that just signed in (or whose own password change ended its others):
 * the row, and the secret for the cookie. The owner's dead sessions are cleared on the way.
 */
export async function openSession({ ref, ip, userAgent, now = new Date() }: { ref: PrincipalRef; ip: string | null; userAgent: string | null; now?: Date }): Promise<string> {
  const secret = newSessionSecret();
  // Control characters (NUL cannot be stored at all) are dropped: the text is only a label.
  const agent = (userAgent ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, USER_AGENT_MAX);
  await getDb().transaction(async (tx) => {
    await deleteDeadSessions({ ex: tx, owner: ref, cutoffs: cutoffsAt(now) });
    await insertSession({ ex: tx, owner: ref, secretHash: hashSessionSecret(secret), ip, userAgent: agent, now });
  });
  return secret;
}
