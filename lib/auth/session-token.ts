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

/** `sessionSecret` names the session's row (lib/auth/sessions/): without it no session holds. */
export type SessionClaims = { principal: string; sessionVersion: number; sessionSecret: string };

// A browser sends the same token on every request until next-auth refreshes it, and decrypting it is the
// dearest step of reading a session. The claims of the last tokens that decrypted are kept, for as long
// as the token itself is valid (only intact tokens are kept: a stranger's garbage is never remembered).
// Whether the session still holds is asked of the database on every request all the same.
const DECODED_MAX = 1_000;
const decoded = new Map<string, { secret: string; claims: SessionClaims; expiresAt: number }>();
// next-auth's own tolerance for clock skew between app servers.
const CLOCK_TOLERANCE_S = 15;

function remembered(token: string, secret: string, now: number): SessionClaims | undefined {
  const entry = decoded.get(token);
  if (!entry) return undefined;
  decoded.delete(token);
  if (entry.secret !== secret || now >= entry.expiresAt) return undefined;
  decoded.set(token, entry); // most recently used last
  return entry.claims;
}

function remember(token: string, secret: string, claims: SessionClaims, exp: unknown, nbf: unknown): void {
  if (typeof exp !== 'number' || nbf !== undefined) return;
  decoded.set(token, { secret, claims, expiresAt: (exp + CLOCK_TOLERANCE_S) * 1000 });
  if (decoded.size > DECODED_MAX) decoded.delete(decoded.keys().next().value!);
}

/** The principal, session version and session secret in a session token; null when it is not a live, intact one. */
export async function decodeSessionToken(token: string, secret: string = serverSecret()): Promise<SessionClaims | null> {
  const known = remembered(token, secret, Date.now());
  if (known) return known;
  try {
    const { payload } = await jwtDecrypt(token, sessionKey(secret), { clockTolerance: CLOCK_TOLERANCE_S });
    if (payload.revoked === true || typeof payload.sub !== 'string' || typeof payload.sv !== 'number' || typeof payload.sid !== 'string') return null;
    const claims = { principal: payload.sub, sessionVersion: payload.sv, sessionSecret: payload.sid };
    remember(token, secret, claims, payload.exp, payload.nbf);
    return claims;
  } catch {
    return null;
  }
}
