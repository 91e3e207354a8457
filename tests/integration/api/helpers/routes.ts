import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ApiRouteHandler } from '@/lib/api/handler';
import type { HttpMethod } from '@/lib/api/operation';

// The REST API's route files, found on disk (app/api/v1/**/route.ts) and imported as Next would: a
// request path is matched against their templates (`[id]` ↔ `{id}`) and the method's export is called.

export const ROOT = path.resolve(__dirname, '../../../..');
const API_DIR = path.join(ROOT, 'app/api/v1');
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type RouteFile = { file: string; template: string };

export function routeFiles(dir = API_DIR): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === 'route.ts') {
      const relative = path.relative(API_DIR, path.dirname(full)).split(path.sep).filter(Boolean);
      out.push({ file: full, template: `/${relative.map((part) => part.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}` });
    }
  }
  return out;
}

export type RouteModule = Partial<Record<HttpMethod, ApiRouteHandler>>;

const modules = new Map<string, Promise<RouteModule>>();
export function loadRoute(file: string): Promise<RouteModule> {
  let loaded = modules.get(file);
  if (!loaded) {
    loaded = import(file) as Promise<RouteModule>;
    modules.set(file, loaded);
  }
  return loaded;
}

/** The route file serving `pathname` (under /api/v1) and the path parameters it names. */
export function matchRoute(pathname: string): { route: RouteFile; params: Record<string, string> } | null {
  const parts = pathname.split('/').filter(Boolean);
  for (const route of routeFiles()) {
    const template = route.template.split('/').filter(Boolean);
    if (template.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = template.every((segment, i) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name) {
        params[name] = decodeURIComponent(parts[i]!);
        return true;
      }
      return segment === parts[i];
    });
    if (matches) return { route, params };
  }
  return null;
}

export async function routeExports(file: string): Promise<{ method: HttpMethod; handler: ApiRouteHandler }[]> {
  const routeModule = await loadRoute(file);
  return METHODS.filter((method) => typeof routeModule[method] === 'function').map((method) => ({ method, handler: routeModule[method]! }));
}
