import 'server-only';
import { getDb } from '@/db';
import { countApiOwnerUse, countApiTokenUse, type TokenAccess } from '@/db/queries/api-tokens';
import { hashApiToken, looksLikeApiToken } from '@/lib/api-tokens/secret';
import { formatPrincipal, type Caller, type PrincipalRef } from '@/lib/auth/caller';
import { loadPrincipal } from '@/lib/auth/load-caller';
import { isWrite, type ApiOperation } from './operation';
import { ApiProblem } from './problem';

/** Requests per token per window; counted in the database, so the limit holds across app servers. */
export const API_RATE_LIMIT = 120;
/** Requests per owner per window, all its tokens together: more tokens do not buy more requests. */
export const API_OWNER_RATE_LIMIT = 240;
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
 * against the token's window and its owner's (all its tokens together; 429 with Retry-After beyond
 * either limit); then its owner is loaded exactly
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

  const retryAfter = (startedAt: Date | null) => Math.max(1, Math.ceil(((startedAt?.getTime() ?? now.getTime()) + API_RATE_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  if (used.rateCount > API_RATE_LIMIT) {
    const seconds = retryAfter(used.rateWindowStartedAt);
    throw new ApiProblem('rateLimited', { vars: { limit: API_RATE_LIMIT, seconds }, headers: { 'Retry-After': String(seconds) } });
  }

  const ref: PrincipalRef = used.adminId !== null ? { kind: 'admin', id: used.adminId } : { kind: 'mailbox', id: used.mailboxId ?? 0 };
  const owner = await countApiOwnerUse({ ex: getDb(), principal: formatPrincipal(ref), now, windowSeconds: API_RATE_WINDOW_SECONDS });
  if (owner.count > API_OWNER_RATE_LIMIT) {
    const seconds = retryAfter(owner.windowStartedAt);
    throw new ApiProblem('rateLimited', {
      detail: 'api.problems.rateLimited.ownerDetail',
      vars: { limit: API_OWNER_RATE_LIMIT, seconds },
      headers: { 'Retry-After': String(seconds) },
    });
  }
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
