import fs from 'node:fs';
import path from 'node:path';

// The `route` label of the HTTP metrics: the Next route a path belongs to (`/domains/[id]`), never the
// raw path, or every id (and every scanner's guess) would be a series of its own. The table is read
// from app/ once; a path no route matches is `(unmatched)`, so the number of series stays bounded
// whatever strangers request.

type Segment = { kind: 'static'; text: string } | { kind: 'dynamic' } | { kind: 'catchAll'; optional: boolean };
type Route = { pattern: string; segments: Segment[] };
export type RouteTable = Route[];

export const UNMATCHED = '(unmatched)';
export const NEXT_STATIC = '/_next/static/*';
export const NEXT_INTERNAL = '/_next/*';

const ROUTE_FILE = /(?:^|\/)(?:page\.(?:tsx|ts|jsx|js)|route\.(?:ts|tsx|js|mts|mjs))$/;

/** `(panel)/domains/[id]/page.tsx` (relative to app/) → `/domains/[id]`; null for a file that is no page or route handler. */
export function routePatternOf(relative: string): string | null {
  if (!ROUTE_FILE.test(relative)) return null;
  const parts = relative.split('/').slice(0, -1);
  // Route groups `(x)` and parallel slots `@x` are not part of the URL; private folders `_x` hold no routes.
  if (parts.some((part) => part.startsWith('_'))) return null;
  const kept = parts.filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith('@'));
  return `/${kept.join('/')}`;
}

function segmentOf(part: string): Segment {
  if (/^\[\[\.\.\..+\]\]$/.test(part)) return { kind: 'catchAll', optional: true };
  if (/^\[\.\.\..+\]$/.test(part)) return { kind: 'catchAll', optional: false };
  if (/^\[.+\]$/.test(part)) return { kind: 'dynamic' };
  return { kind: 'static', text: part };
}

const RANK = { static: 0, dynamic: 1, catchAll: 2 } as const;

/** Static segments win over dynamic ones, dynamic over catch-alls, position by position (as Next decides). */
function moreSpecific(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const ra = a.segments[i] ? RANK[a.segments[i]!.kind] : -1;
    const rb = b.segments[i] ? RANK[b.segments[i]!.kind] : -1;
    if (ra !== rb) return ra - rb;
  }
  return 0;
}

export function compileRoutes(files: string[]): RouteTable {
  const patterns = new Set(files.map(routePatternOf).filter((p): p is string => p !== null));
  return [...patterns]
    .map((pattern) => ({ pattern, segments: pattern.split('/').filter(Boolean).map(segmentOf) }))
    .sort(moreSpecific);
}

function matches(route: Route, parts: string[]): boolean {
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'catchAll') return segment.optional || parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === 'static' && segment.text !== part) return false;
  }
  return parts.length === segments.length;
}

/** The path of a request target, without query or fragment, split into its non-empty segments. */
function pathParts(url: string): string[] {
  const pathname = url.split(/[?#]/, 1)[0] ?? '';
  return pathname.split('/').filter(Boolean);
}

export function matchRoute(table: RouteTable, url: string): string | null {
  const parts = pathParts(url);
  return table.find((route) => matches(route, parts))?.pattern ?? null;
}

const ID_SEGMENT = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[A-Za-z0-9_-]{20,})$/i;

/** Without a route table: the path with every id-like segment (number, UUID, long token) as `[id]`. */
export function normalizePath(url: string): string {
  const parts = pathParts(url).map((part) => (ID_SEGMENT.test(part) ? '[id]' : part));
  return `/${parts.join('/')}`;
}

/** The label for a request target (`req.url`). */
export function routeLabel(url: string, table: RouteTable | null): string {
  if (url.startsWith('/_next/static/')) return NEXT_STATIC;
  if (url.startsWith('/_next/')) return NEXT_INTERNAL;
  if (!table) return normalizePath(url);
  return matchRoute(table, url) ?? UNMATCHED;
}

function routeFiles(dir: string, root: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full, root);
    return [path.relative(root, full).split(path.sep).join('/')];
  });
}

/** The routes under `appDir` (the server runs from the project's directory), or null when it cannot be read. */
export function loadRouteTable(appDir = path.join(process.cwd(), 'app')): RouteTable | null {
  try {
    return compileRoutes(routeFiles(appDir, appDir));
  } catch {
    return null;
  }
}
