import { createHmac } from 'node:crypto';
import { parsePrincipal, type PrincipalRef } from './caller';
import { openSealedPayload, sealPayload } from './sealed-payload';
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
  return sealPayload(payload, mac);
}

/** The pending sign-in, or null when the token is malformed, altered, made for something else or expired. */
export function readPendingToken(token: unknown, now = Date.now()): PendingSignIn | null {
  if (typeof token !== 'string') return null;
  const payload = openSealedPayload<Payload>(token, 2048, mac);
  if (!payload) return null;
  const ref = parsePrincipal(payload.sub);
  if (payload.pur !== PURPOSE || !ref || typeof payload.sv !== 'number' || typeof payload.acct !== 'string') return null;
  if (typeof payload.exp !== 'number' || payload.exp <= now) return null;
  return { ref, principal: payload.sub as string, sessionVersion: payload.sv, account: payload.acct, expiresAt: payload.exp };
}
