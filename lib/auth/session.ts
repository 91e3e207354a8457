import 'server-only';
import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getClientIp } from '@/lib/request/client-ip';
import type { Caller, Role } from './caller';
import { GATE_PATHS, type Gate } from './gate';
import { authOptions, loadCallerCached } from './options';

/**
 * The signed-in caller for this request, checked against the database (active, session version,
 * allowed IPs); null when signed out. A caller with `gate` set may only use its gate's page.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await getServerSession(authOptions);
  if (typeof session?.principal !== 'string' || typeof session.sv !== 'number') return null;
  return loadCallerCached(session.principal, session.sv, await getClientIp());
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

/** For pages: the caller if it has one of the roles; otherwise the page does not exist for it. */
export async function requireRole<R extends Role>(...roles: R[]): Promise<Caller & { role: R }> {
  const caller = await requireUser();
  if (!(roles as Role[]).includes(caller.role)) notFound();
  return caller as Caller & { role: R };
}
