import 'server-only';
import type { Caller, PrincipalRef } from '../caller';
import { loadCaller } from '../load-caller';
import { liveSessionId } from './live-session';

/**
 * The caller behind a panel session: the account as loadCaller checks it (active, session version,
 * allowed IPs, gate) and the session's own row live. Both look-ups run at once, each one indexed read.
 */
export async function loadSessionCaller(
  ref: PrincipalRef,
  sessionVersion: number,
  secret: string,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
): Promise<Caller | null> {
  const [caller, sessionId] = await Promise.all([loadCaller(ref, sessionVersion, { ip, now }), liveSessionId({ ref, secret, ip, now })]);
  return caller && sessionId !== null ? { ...caller, sessionId } : null;
}
