import 'server-only';
import type { EventCallbacks } from 'next-auth';
import { getClientIp } from '@/lib/request/client-ip';
import { parsePrincipal } from '../caller';
import { endSessionBySecret } from './end-session';
import { openSession } from './open-session';
import { requestUserAgent } from './request-agent';

// What next-auth (lib/auth/options.ts) calls for the server-side sessions: a row at sign-in, and its
// end at sign-out.

/** At sign-in (next-auth's jwt callback with `user`): a new session row; its secret goes into the token. */
export async function sessionOnSignIn(principal: string): Promise<string> {
  const ref = parsePrincipal(principal);
  if (!ref) throw new Error('sign-in without a principal');
  return openSession({ ref, ip: await getClientIp(), userAgent: await requestUserAgent() });
}

export const sessionEvents: Partial<EventCallbacks> = {
  // The token of the browser signing out: its row goes, so a copy of the cookie no longer works.
  async signOut(message) {
    const sid = 'token' in message ? message.token?.sid : undefined;
    if (typeof sid === 'string') await endSessionBySecret(sid);
  },
};
