import 'server-only';
import { gated, signedOut } from '@/lib/failure';
import { getClientIp } from '@/lib/request/client-ip';
import type { Caller } from './caller';
import type { Gate } from './gate';
import { getCaller } from './session';

/**
 * Every server action starts here: who is calling (checked against the database) and from where.
 * A gated caller is refused, except by the actions of its own gate's page (`allowGate`).
 */
export async function actionContext({ allowGate }: { allowGate?: Gate } = {}): Promise<{ caller: Caller; ip: string | null }> {
  const caller = await getCaller();
  if (!caller) throw signedOut();
  if (caller.gate && caller.gate !== allowGate) throw gated();
  return { caller, ip: await getClientIp() };
}
