import 'server-only';
import { getDb } from '@/db';
import { findAdminWithLiveSession, findMailboxWithLiveSession } from '@/db/queries/sessions';
import type { Caller, PrincipalRef } from '../caller';
import { adminPrincipal, mailboxPrincipal } from '../load-caller';
import { liveSessionCheck } from './live-session';

/**
 * The caller behind a panel session: the account as loadCaller checks it (active, session version,
 * allowed IPs, gate) and the session's own row live, both in one statement.
 */
export async function loadSessionCaller(
  ref: PrincipalRef,
  sessionVersion: number,
  secret: string,
  { ip = null, now = new Date() }: { ip?: string | null; now?: Date } = {},
): Promise<Caller | null> {
  const session = liveSessionCheck({ secret, ip, now });
  const args = { ex: getDb(), id: ref.id, ip, session };
  const [loaded, sessionId] =
    ref.kind === 'admin'
      ? await findAdminWithLiveSession(args).then((row) => [adminPrincipal(row, now), row?.sessionId] as const)
      : await findMailboxWithLiveSession(args).then((row) => [mailboxPrincipal(row, now), row?.sessionId] as const);
  if (!loaded || sessionId === null || sessionId === undefined || loaded.caller.sessionVersion !== sessionVersion) return null;
  return { ...loaded.caller, sessionId };
}
