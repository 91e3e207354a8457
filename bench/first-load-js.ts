/**
 * First-load JS per page route, from the last `next build` (.next/): Next 16 no longer prints it.
 * A route's first load is the framework's root files plus every client chunk its layouts, boundaries and page
 * declare in the route's client reference manifest. Raw and gzip (level 9) bytes, largest route first.
 *
 *   npx tsx bench/first-load-js.ts            # a Markdown table
 *   npx tsx bench/first-load-js.ts --json     # { route: { files, raw, gzip } }
 *
 * Also used by tests/e2e/one-language.spec.ts (the chunks a route loads).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export type RouteJs = { route: string; files: string[]; raw: number; gzip: number };

type RscManifest = Record<string, { entryJSFiles?: Record<string, string[]> }>;

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return manifests(full);
    return name === 'page_client-reference-manifest.js' ? [full] : [];
  });
}

function routeName(page: string): string {
  // "/(panel)/domains/[id]/page" → "/domains/[id]"; groups do not show in the address.
  const route = page
    .replace(/\/page$/, '')
    .split('/')
    .filter((part) => !/^\(.*\)$/.test(part))
    .join('/');
  return route === '' ? '/' : route;
}

export function firstLoadJs(nextDir = path.resolve('.next')): RouteJs[] {
  if (!existsSync(path.join(nextDir, 'build-manifest.json'))) throw new Error(`No build in ${nextDir}: run next build first.`);
  const build = JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const size = (file: string) => {
    let known = sizes.get(file);
    if (!known) {
      const bytes = readFileSync(path.join(nextDir, file));
      known = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      sizes.set(file, known);
    }
    return known;
  };
  return manifests(path.join(nextDir, 'server', 'app'))
    .flatMap((file) => {
      const context: { globalThis?: unknown; self?: unknown; __RSC_MANIFEST?: RscManifest } = {};
      context.globalThis = context;
      context.self = context;
      vm.runInNewContext(readFileSync(file, 'utf8'), context);
      return Object.entries(context.__RSC_MANIFEST ?? {}).map(([page, manifest]) => {
        const files = [...new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()])].sort();
        const total = files.reduce((sum, f) => ({ raw: sum.raw + size(f).raw, gzip: sum.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
        return { route: routeName(page), files, ...total };
      });
    })
    .filter((r) => !r.route.startsWith('/_')) // Next's own /_not-found and /_global-error.
    .sort((a, b) => b.raw - a.raw || a.route.localeCompare(b.route));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

// Run as a script (not when the e2e check imports it, which Playwright loads as CommonJS).
if (process.argv[1]?.endsWith('first-load-js.ts')) {
  const routes = firstLoadJs();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(Object.fromEntries(routes.map(({ route, ...rest }) => [route, rest])), null, 1));
  } else {
    console.log('| route | first-load JS, KiB raw | KiB gzip | chunks |\n|---|---:|---:|---:|');
    for (const r of routes) console.log(`| ${r.route} | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.files.length} |`);
  }
}
