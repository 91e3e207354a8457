import 'server-only';
import { ApiProblem, problemResponse } from '@/lib/api/problem';
import { problemFromError } from '@/lib/api/result';
import type { Caller } from '@/lib/auth/caller';
import { can, type Action } from '@/lib/auth/permissions';
import { getCaller } from '@/lib/auth/session';
import { gated, isFailure, notFound, signedOut } from '@/lib/failure';
import { pickLanguage } from '@/lib/i18n/accept-language';
import type { Language } from '@/lib/mail/services';
import { getClientIp } from '@/lib/request/client-ip';
import { fromSameOrigin } from './same-origin';

// The panel's own route handlers for CSV (the import's check and run, the template, the exports): signed
// in with the panel's session cookie, unlike /api/v1, and answering failures as problem+json like it. A
// route handler has none of a server action's protection against cross-site requests, so one that changes
// something (`write`) accepts only requests made by the panel's own pages.

export type SessionRouteContext = { request: Request; caller: Caller; ip: string | null; language: Language; domainId: number };
type RouteContext = { params: Promise<Record<string, string>> };

/** A domain id from the path, as the pages take it; anything else names no domain. */
export function domainIdOf(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

/**
 * The handler of one CSV route, for callers the permission table grants `permission`. 403 from another site
 * (`write`) or while the caller must first change its password or enrol OTP, 401 signed out, 422 without a
 * body (`body`), and 404 for a domain out of reach or a role that may not (as their pages would: nothing there).
 */
export function sessionRoute(
  { permission, write, body = false }: { permission: Action; write: boolean; body?: boolean },
  run: (context: SessionRouteContext) => Promise<Response>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => {
    let language = pickLanguage(request.headers.get('accept-language'));
    try {
      if (write && !fromSameOrigin(request)) throw new ApiProblem('forbidden');
      const caller = await getCaller();
      if (!caller) throw signedOut();
      if (caller.gate) throw gated();
      language = caller.language;
      if (!can(caller, permission)) throw notFound();
      const raw = (await context?.params)?.id;
      const domainId = raw === undefined ? 0 : domainIdOf(raw);
      if (domainId === null) throw notFound();
      if (body && !request.body) throw new ApiProblem('malformed', { detail: 'accountImport.errors.noBody' });
      return await run({ request, caller, ip: await getClientIp(), language, domainId });
    } catch (error) {
      // A role that may not (as opposed to a refused request) finds nothing, as on the pages.
      const failure = isFailure(error, 'forbidden') && !error.reason ? notFound() : error;
      return problemResponse(problemFromError(failure), language);
    }
  };
}
