import 'server-only';
import { getClientIp } from '@/lib/request/client-ip';
import type { Caller } from './caller';
import { getCaller } from './session';

export class SignedOutError extends Error {
  constructor() {
    super('Signed out');
    this.name = 'SignedOutError';
  }
}

/** Every server action starts here: who is calling (checked against the database) and from where. */
export async function actionContext(): Promise<{ caller: Caller; ip: string | null }> {
  const caller = await getCaller();
  if (!caller) throw new SignedOutError();
  return { caller, ip: await getClientIp() };
}
