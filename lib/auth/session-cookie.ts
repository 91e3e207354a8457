import 'server-only';
import { encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { getClientIp } from '@/lib/request/client-ip';
import { parsePrincipal } from './caller';
import { SESSION_MAX_AGE } from './options';
import { serverSecret } from './server-key';
import { sessionCookieName } from './session-token';
import { openSession } from './sessions/open-session';
import { requestUserAgent } from './sessions/request-agent';

/**
 * After the caller changed its own password or turned OTP off, the session version moved on and every
 * session of the account ended — this one too. This gives the caller's browser a new session under the
 * new version and a new session row (the same token next-auth writes at sign-in), so it stays signed in
 * while the others do not.
 * Only for server actions (cookies can be set there).
 */
export async function reissueSession(principal: string, sessionVersion: number): Promise<void> {
  // next-auth's own rule: secure cookies (with the __Secure- prefix) when the panel is served over https.
  const secure = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const name = sessionCookieName(secure);
  const ref = parsePrincipal(principal);
  if (!ref) throw new Error('reissueSession without a principal');
  const sid = await openSession({ ref, ip: await getClientIp(), userAgent: await requestUserAgent() });
  const value = await encode({ token: { sub: principal, sv: sessionVersion, sid }, secret: serverSecret(), maxAge: SESSION_MAX_AGE });
  const jar = await cookies();
  jar.set(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_MAX_AGE });
  // A session cookie next-auth once split into chunks would otherwise shadow the new one.
  for (const cookie of jar.getAll()) if (cookie.name.startsWith(`${name}.`)) jar.delete(cookie.name);
}
