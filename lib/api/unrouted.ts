import { pickLanguage } from '@/lib/i18n/accept-language';
import type { ApiOperation } from './operation';
import { ApiProblem, problemResponse } from './problem';
import { API_OPERATIONS } from './registry';

// What Next answers on its own under /api/v1, made problem+json like every other answer of the API: a
// path no operation has gets the HTML 404 page from Next, and a method its route file does not export
// a bare 405. The custom server (server.ts) asks here first, from the registry the route files and the
// OpenAPI document follow (tests/integration/api checks that they agree), and answers those itself.

export const API_PREFIX = '/api/v1';

/** Route handlers answer HEAD from GET and OPTIONS themselves (Next adds them). */
function allowedMethods(operations: readonly Pick<ApiOperation, 'method'>[]): string[] {
  const methods = new Set<string>(operations.map((operation) => operation.method));
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].sort();
}

function matches(template: string, segments: string[]): boolean {
  const parts = template.split('/').filter(Boolean);
  return parts.length === segments.length && parts.every((part, i) => /^\{\w+\}$/.test(part) || part === segments[i]);
}

export type Unrouted = { kind: 'notFound' } | { kind: 'methodNotAllowed'; allow: string[] };

/**
 * For a request under /api/v1: `notFound` when no operation has its path, `methodNotAllowed` (with the
 * methods the path takes) when none there takes its method; null when an operation serves it (or the
 * request is not the API's, or its path is one Next must normalize or refuse itself).
 */
export function unroutedApiRequest(method: string | undefined, url: string | undefined, operations: readonly Pick<ApiOperation, 'method' | 'path'>[] = API_OPERATIONS): Unrouted | null {
  const pathname = (url ?? '').split('?')[0]!;
  if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return null;
  // A trailing slash: Next redirects to the path without it first.
  if (pathname.length > API_PREFIX.length + 1 && pathname.endsWith('/')) return null;
  let segments: string[];
  try {
    segments = pathname.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  const here = operations.filter((operation) => matches(operation.path, segments));
  if (here.length === 0) return { kind: 'notFound' };
  const allow = allowedMethods(here);
  return allow.includes((method ?? 'GET').toUpperCase()) ? null : { kind: 'methodNotAllowed', allow };
}

/** The problem+json answer for an unrouted request, in the language the request asks for. */
export function unroutedApiResponse(unrouted: Unrouted, method: string | undefined, acceptLanguage: string | null): Response {
  const language = pickLanguage(acceptLanguage);
  if (unrouted.kind === 'notFound') return problemResponse(new ApiProblem('notFound'), language);
  const allow = unrouted.allow.join(', ');
  return problemResponse(new ApiProblem('methodNotAllowed', { vars: { method: String(method ?? '').slice(0, 20), allow }, headers: { Allow: allow } }), language);
}
