import type { IncomingHttpHeaders } from 'node:http';

// Next refuses a server action whose Origin is not the request's host (its CSRF check), but answers that
// refusal with a 500, so that every forged request counts as a server error. The custom server (server.ts)
// makes the same check first, on the same terms, and answers 403 itself: the action never runs, exactly as
// before. Mirrors next/dist/server/app-render/action-handler.js (Next 16): a POST carrying `next-action`
// (a fetch action) or a multipart form (a form posted without JavaScript) is a possible action; an absent
// Origin is let through (no browser sends a cross-site request without one); otherwise the Origin's host
// must equal the first X-Forwarded-Host, or else Host. The panel sets no `serverActions.allowedOrigins`.

/** Whether a request is a server action from another origin, which Next would refuse (with a 500). */
export function isCrossOriginAction({ method, url, headers }: { method?: string; url?: string; headers: IncomingHttpHeaders }): boolean {
  if (method !== 'POST') return false;
  // Route handlers (the REST API, next-auth) never run actions; they check what they need themselves.
  if ((url ?? '/').startsWith('/api/')) return false;
  const contentType = headers['content-type'] ?? '';
  const possibleAction = typeof headers['next-action'] === 'string' || contentType.startsWith('multipart/form-data');
  if (!possibleAction) return false;
  const origin = headers.origin;
  if (typeof origin !== 'string') return false;
  let originHost: string;
  if (origin === 'null') originHost = 'null';
  else {
    try {
      originHost = new URL(origin).host;
    } catch {
      // Next's own `new URL(origin)` would throw here: a 500 as well.
      return true;
    }
  }
  const forwarded = headers['x-forwarded-host'];
  const forwardedHost = Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]?.trim();
  const host = forwardedHost || headers.host;
  return !host || originHost !== host;
}
