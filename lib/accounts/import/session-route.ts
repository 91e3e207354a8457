import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { can, ForbiddenError, type Action } from '@/lib/auth/permissions';
import { getCaller } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { getClientIp } from '@/lib/request/client-ip';
import { fromSameOrigin } from './same-origin';

// The panel's own route handlers for CSV (the import's check and run, the template, the exports): signed
// in with the panel's session cookie, unlike /api/v1. A route handler has none of a server action's
// protection against cross-site requests, so one that changes something accepts only requests made by
// the panel's own pages.

export function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * The signed-in caller and its address, or the answer to give instead: 401 signed out, 403 from another
 * site (`write`) or while the caller must first change its password or enrol OTP, 404 (as a page would
 * be) when the permission table does not grant it `permission`.
 */
export async function sessionContext(
  request: Request,
  { write, permission }: { write: boolean; permission: Action },
): Promise<{ caller: Caller; ip: string | null } | Response> {
  if (write && !fromSameOrigin(request)) return plainResponse(403, 'Forbidden');
  const caller = await getCaller();
  if (!caller) return plainResponse(401, 'Signed out');
  if (caller.gate) return plainResponse(403, 'Forbidden');
  if (!can(caller, permission)) return plainResponse(404, 'Not found');
  return { caller, ip: await getClientIp() };
}

/** A domain id from the path, as the pages take it; anything else names no domain. */
export function domainIdOf(raw: string): number | null {
  return /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

/** Runs a route body; a domain out of reach (or a role that may not) is a plain 404, as a page would be. */
export async function orNotFound(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return plainResponse(404, 'Not found');
    throw error;
  }
}
