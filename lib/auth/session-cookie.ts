import 'server-only';
import { encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { SESSION_MAX_AGE } from './options';
import { serverSecret } from './server-key';
import { sessionCookieName } from './session-token';

/**
 * After the caller changed its own password or turned OTP off, the session version moved on and every
 * session of the account ended — this one too. This gives the caller's browser a new session under the
 * new version (the same token next-auth writes at sign-in), so it stays signed in while the others do not.
 * Only for server actions (cookies can be set there).
 */
export async function reissueSession(principal: string, sessionVersion: number): Promise<void> {
  // next-auth's own rule: secure cookies (with the __Secure- prefix) when the panel is served over https.
  const secure = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const name = sessionCookieName(secure);
  const value = await encode({ token: { sub: principal, sv: sessionVersion }, secret: serverSecret(), maxAge: SESSION_MAX_AGE });
  const jar = await cookies();
  jar.set(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_MAX_AGE });
  // A session cookie next-auth once split into chunks would otherwise shadow the new one.
  for (const cookie of jar.getAll()) if (cookie.name.startsWith(`${name}.`)) jar.delete(cookie.name);
}
