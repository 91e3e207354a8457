import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, servedOverHttps, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';

// Optimistic only: a request without any session cookie is sent to sign-in before rendering.
// Every page and action still checks the session against the database itself.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

// The signed-out pages, next-auth's endpoints, the REST API (it answers 401 itself) and the files
// browsers ask for on their own need no session.
const OPEN_PATHS = /^\/(?:login|setup|api\/auth|api\/v1|favicon\.ico|robots\.txt)/;

export function proxy(request: NextRequest) {
  const https = servedOverHttps();
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === 'development', https });
  const response = OPEN_PATHS.test(request.nextUrl.pathname) || hasSession(request) ? forward(request, csp) : toSignIn(request);
  // The static security headers come from next.config.js; these two are per request.
  response.headers.set('Content-Security-Policy', csp);
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

function hasSession(request: NextRequest): boolean {
  return SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
}

// Next reads the nonce from the request's policy and puts it on the scripts and styles it renders.
function forward(request: NextRequest, csp: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', csp);
  return NextResponse.next({ request: { headers } });
}

function toSignIn(request: NextRequest): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = '/login';
  url.search = '';
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but build assets (next.config.js gives those the static headers) and the CSV uploads: Next
  // buffers the whole body of a request that goes through the proxy (cutting it off silently past 10 MB),
  // while the import streams it and refuses an oversized file itself. Those routes check the session.
  matcher: ['/((?!_next/static|_next/image|api/v1/domains/[^/]+/accounts/import$|domains/[^/]+/accounts/import/(?:check|run)$).*)'],
};
