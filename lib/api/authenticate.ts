import 'server-only';
import { getDb } from '@/db';
import { countApiTokenUse, type TokenAccess } from '@/db/queries/api-tokens';
import { hashApiToken, looksLikeApiToken } from '@/lib/api-tokens/secret';
import type { Caller, PrincipalRef } from '@/lib/auth/caller';
import { loadPrincipal } from '@/lib/auth/load-caller';
import { isWrite, type ApiOperation } from './operation';
import { ApiProblem } from './problem';

/** Requests per token per window; counted in the database, so the limit holds across app servers. */
export const API_RATE_LIMIT = 120;
export const API_RATE_WINDOW_SECONDS = 60;

export type ApiAuth = { caller: Caller; token: { id: number; access: TokenAccess } };

const REALM = 'Bearer realm="mailpanel"';

/** The token of an `Authorization: Bearer <token>` header (RFC 6750), or null. */
export function bearerToken(header: string | null): string | null {
  const match = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function unauthorized(sent: boolean): ApiProblem {
  // RFC 6750: no error code when no credentials were sent at all.
  return new ApiProblem('unauthorized', { headers: { 'WWW-Authenticate': sent ? `${REALM}, error="invalid_token"` : REALM } });
}

/**
 * Who a request acts as. The token must be live (not revoked, not expired); each request is counted
 * against the token's window (429 with Retry-After beyond the limit); then its owner is loaded exactly
 * as a session's caller is (lib/auth/load-caller.ts): still active, in an active domain, from an
 * allowed IP (else 401, as a session would end); "API access" on (else 403); no password change or OTP
 * enrolment pending (else 403, unless the operation is that gate's own). A read-only token may not
 * write (403).
 */
export async function authenticate({
  authorization,
  ip,
  operation,
  now = new Date(),
}: {
  authorization: string | null;
  ip: string | null;
  operation: Pick<ApiOperation, 'method' | 'allowGate'>;
  now?: Date;
}): Promise<ApiAuth> {
  const token = bearerToken(authorization);
  if (!token) throw unauthorized(authorization !== null && authorization.trim() !== '');
  if (!looksLikeApiToken(token)) throw unauthorized(true);
  const used = await countApiTokenUse({ ex: getDb(), tokenHash: hashApiToken(token), ip, now, windowSeconds: API_RATE_WINDOW_SECONDS });
  if (!used) throw unauthorized(true);

  if (used.rateCount > API_RATE_LIMIT) {
    const resetsAt = (used.rateWindowStartedAt?.getTime() ?? now.getTime()) + API_RATE_WINDOW_SECONDS * 1000;
    const seconds = Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000));
    throw new ApiProblem('rateLimited', { vars: { limit: API_RATE_LIMIT, seconds }, headers: { 'Retry-After': String(seconds) } });
  }

  const ref: PrincipalRef = used.adminId !== null ? { kind: 'admin', id: used.adminId } : { kind: 'mailbox', id: used.mailboxId ?? 0 };
  const loaded = await loadPrincipal(ref, { ip, now });
  if (!loaded) throw unauthorized(true);
  const { caller } = loaded;
  const language = caller.language;
  if (!loaded.apiAccess) throw new ApiProblem('apiAccessOff', { language });
  if (caller.gate && caller.gate !== operation.allowGate) throw new ApiProblem('gate', { language });
  if (isWrite(operation) && used.access !== 'read_write') {
    throw new ApiProblem('readOnlyToken', { language, headers: { 'WWW-Authenticate': `${REALM}, error="insufficient_scope"` } });
  }
  return { caller, token: { id: used.id, access: used.access } };
}
