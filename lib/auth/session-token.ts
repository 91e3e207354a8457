import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import { serverSecret } from './server-key';

// Reads the session cookie next-auth writes (an encrypted JWT) the way next-auth's own decode() does, but
// with the key derived once per secret instead of on every request, and without encrypting a fresh
// token that a server component could not set anyway. next-auth still signs in, refreshes and signs out.

/** next-auth's cookie name: the __Secure- prefix when the panel is served over https. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Secure-' : ''}next-auth.session-token`;
}

/** The token in the cookie jar: whole, or split by next-auth into name.0, name.1, … */
export function sessionTokenFrom(cookies: { name: string; value: string }[], name: string): string | null {
  const whole = cookies.find((cookie) => cookie.name === name);
  if (whole) return whole.value || null;
  const chunks = cookies
    .map((cookie) => ({ index: cookie.name.startsWith(`${name}.`) ? cookie.name.slice(name.length + 1) : '', value: cookie.value }))
    .filter((chunk) => /^(0|[1-9][0-9]{0,2})$/.test(chunk.index))
    .sort((a, b) => Number(a.index) - Number(b.index));
  if (chunks.length === 0 || chunks.some((chunk, i) => Number(chunk.index) !== i)) return null;
  return chunks.map((chunk) => chunk.value).join('') || null;
}

const keys = new Map<string, KeyObject>();

/** next-auth's encryption key for a secret (HKDF-SHA256, empty salt, its fixed info string). */
function sessionKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32)));
    keys.set(secret, key);
  }
  return key;
}

export type SessionClaims = { principal: string; sessionVersion: number };

/** The principal and session version in a session token; null when it is not a live, intact one. */
export async function decodeSessionToken(token: string, secret: string = serverSecret()): Promise<SessionClaims | null> {
  try {
    // next-auth's own tolerance for clock skew between app servers.
    const { payload } = await jwtDecrypt(token, sessionKey(secret), { clockTolerance: 15 });
    if (payload.revoked === true || typeof payload.sub !== 'string' || typeof payload.sv !== 'number') return null;
    return { principal: payload.sub, sessionVersion: payload.sv };
  } catch {
    return null;
  }
}
