import { createHmac, timingSafeEqual } from 'node:crypto';
import { parsePrincipal, type PrincipalRef } from './caller';
import { deriveKey } from './server-key';

/** How long the code step may follow the password step. */
export const PENDING_TOKEN_TTL_MS = 5 * 60 * 1000;
const PURPOSE = 'otp-pending';

/** What the password step vouches for: who passed it, under which session version, until when. */
export type PendingSignIn = {
  ref: PrincipalRef;
  principal: string;
  sessionVersion: number;
  /** The normalized identifier typed at the password step: the code step's failures count against it. */
  account: string;
  expiresAt: number;
};

type Payload = { pur: string; sub: string; sv: number; acct: string; exp: number };

function mac(body: string): Buffer {
  return createHmac('sha256', deriveKey('otp-pending-token v1')).update(body).digest();
}

/**
 * The "second factor pending" token: base64url(JSON payload) "." base64url(HMAC-SHA256), the HMAC key
 * derived from the server secret. It is not a session: only the code step accepts it.
 */
export function issuePendingToken(pending: { principal: string; sessionVersion: number; account: string }, now = Date.now()): string {
  const payload: Payload = { pur: PURPOSE, sub: pending.principal, sv: pending.sessionVersion, acct: pending.account, exp: now + PENDING_TOKEN_TTL_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body).toString('base64url')}`;
}

/** The pending sign-in, or null when the token is malformed, altered, made for something else or expired. */
export function readPendingToken(token: unknown, now = Date.now()): PendingSignIn | null {
  if (typeof token !== 'string' || token.length > 2048) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  // Compared as text: base64 has several spellings of the same bytes, the token only one.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(body).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    return null;
  }
  const ref = parsePrincipal(payload.sub);
  if (payload.pur !== PURPOSE || !ref || typeof payload.sv !== 'number' || typeof payload.acct !== 'string') return null;
  if (typeof payload.exp !== 'number' || payload.exp <= now) return null;
  return { ref, principal: payload.sub as string, sessionVersion: payload.sv, account: payload.acct, expiresAt: payload.exp };
}
