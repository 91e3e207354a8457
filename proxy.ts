import { NextResponse, type NextRequest } from 'next/server';

// Optimistic only: a request without any session cookie is sent to sign-in before rendering.
// Every page and action still checks the session against the database itself. The per-response
// security policy is set by the custom server (lib/security/per-request-policy.ts), not here.

// The signed-out pages, next-auth's endpoints, the REST API (it answers 401 itself) and the files
// browsers ask for on their own need no session; nor do the health probes (app/healthz, app/readyz) and
// the metrics (app/metrics: its bearer token decides).
const OPEN_PATHS = /^\/(?:login|setup|api\/auth|api\/v1|favicon\.ico|robots\.txt|healthz$|readyz$|metrics$)/;

export function proxy(request: NextRequest) {
  if (OPEN_PATHS.test(request.nextUrl.pathname)) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/login';
  url.search = '';
  return NextResponse.redirect(url);
}

export const config = {
  matcher: [
    {
      // Everything but build assets and the CSV uploads: Next buffers the whole body of a request that goes
      // through the proxy (cutting it off silently past 10 MB), while the import streams it and refuses an
      // oversized file itself. Those routes check the session.
      source: '/((?!_next/static|_next/image|api/v1/domains/[^/]+/accounts/import$|domains/[^/]+/accounts/import/(?:check|run)$).*)',
      // With next-auth's session cookie (whole or in chunks, plain or __Secure-) the proxy does not run at
      // all: the page itself checks the session, so signed-in requests pay nothing for it. (Next reads
      // this config statically: literals only.)
      missing: [
        { type: 'cookie', key: 'next-auth.session-token' },
        { type: 'cookie', key: 'next-auth.session-token.0' },
        { type: 'cookie', key: '__Secure-next-auth.session-token' },
        { type: 'cookie', key: '__Secure-next-auth.session-token.0' },
      ],
    },
  ],
};
