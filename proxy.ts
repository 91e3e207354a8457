import { NextResponse, type NextRequest } from 'next/server';

// Optimistic only: a request without any session cookie is sent to sign-in before rendering.
// Every page and action still checks the session against the database itself.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/login';
  url.search = '';
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the signed-out pages, next-auth's endpoints, the REST API (it answers 401 itself)
  // and static files.
  matcher: ['/((?!login|setup|api/auth|api/v1|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
