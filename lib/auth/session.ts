import 'server-only';
import { getServerSession } from 'next-auth';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Caller, Role } from './caller';
import { parsePrincipal } from './caller';
import { authOptions, loadCallerCached } from './options';

/** The signed-in caller for this request, checked against the database; null when signed out. */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await getServerSession(authOptions);
  const ref = parsePrincipal(session?.principal);
  if (!ref || typeof session?.sv !== 'number') return null;
  return loadCallerCached(ref, session.sv);
});

/** For pages: the caller, or a redirect to sign-in. */
export async function requireUser(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  return caller;
}

/** For pages: the caller if it has one of the roles; otherwise the page does not exist for it. */
export async function requireRole<R extends Role>(...roles: R[]): Promise<Caller & { role: R }> {
  const caller = await requireUser();
  if (!(roles as Role[]).includes(caller.role)) notFound();
  return caller as Caller & { role: R };
}
