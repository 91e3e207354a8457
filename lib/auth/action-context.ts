import 'server-only';
import { gated, signedOut } from '@/lib/failure';
import { getClientIp } from '@/lib/request/client-ip';
import type { Caller } from './caller';
import type { Gate } from './gate';
import { assertCan, type Action, type RoleFor } from './permissions';
import { getCaller } from './session';

/**
 * Every server action starts here: who is calling (checked against the database) and from where, and
 * the permission the action needs (lib/auth/permissions.ts; a forbidden failure, answered as "not found").
 * A gated caller is refused, except by the actions of its own gate's page (`allowGate`). The data-access
 * function checks the rows (scope, a postmaster's switches) on top of this.
 */
export async function actionContext<A extends Action>({
  permission,
  allowGate,
}: {
  permission: A;
  allowGate?: Gate;
}): Promise<{ caller: Caller & { role: RoleFor<A> }; ip: string | null }> {
  const caller = await getCaller();
  if (!caller) throw signedOut();
  if (caller.gate && caller.gate !== allowGate) throw gated();
  assertCan(caller, permission);
  return { caller: caller as Caller & { role: RoleFor<A> }, ip: await getClientIp() };
}
