import 'server-only';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getClientIp } from '@/lib/request/client-ip';
import { noteCaller } from '@/lib/ops/log/request-context';
import { formatPrincipal, type Caller } from './caller';
import { GATE_PATHS, type Gate } from './gate';
import { can, type Action, type RoleFor } from './permissions';
import { servedOverHttps } from '@/lib/security/csp';
import { loadCallerCached } from './options';
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from './session-token';

/**
 * The signed-in caller for this request, checked against the database (active, session version,
 * allowed IPs, the session's own row live); null when signed out. A caller with `gate` set may only use its gate's page.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const token = sessionTokenFrom((await cookies()).getAll(), sessionCookieName(servedOverHttps()));
  const claims = token ? await decodeSessionToken(token) : null;
  if (!claims) return null;
  const caller = await loadCallerCached(claims.principal, claims.sessionVersion, claims.sessionSecret, await getClientIp());
  if (caller) noteCaller(formatPrincipal(caller));
  return caller;
});

/** For pages: the caller, or a redirect to sign-in — or to the one page a gated caller may see. */
export async function requireUser(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  if (caller.gate) redirect(GATE_PATHS[caller.gate]);
  return caller;
}

/**
 * For the gate pages themselves (/security/password, /security/otp), which every caller may also
 * open of its own accord: the caller, unless another gate is in force (then its page).
 */
export async function requireCallerAt(page: Gate): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  if (caller.gate && caller.gate !== page) redirect(GATE_PATHS[caller.gate]);
  return caller;
}

/**
 * For pages: the caller if the permission table grants it `action` (lib/auth/permissions.ts); otherwise
 * the page does not exist for it. Every page names the action it shows; role lists live only in the table.
 */
export async function requirePermission<A extends Action>(action: A): Promise<Caller & { role: RoleFor<A> }> {
  const caller = await requireUser();
  if (!can(caller, action)) notFound();
  return caller as Caller & { role: RoleFor<A> };
}
