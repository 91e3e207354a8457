import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { firstLoadJs } from '../../bench/first-load-js';
import { repoRoot } from './helpers/server';

// Issue 16: each page ships what it needs. zod and the form schemas load with a form's first validation
// (components/forms/lazy-zod-resolver.ts), and sign-in/out talk to next-auth without next-auth/react
// (components/auth/auth-requests.ts), so neither is in any route's first load. Reads the production build.

// The largest route's first load was 786.3 KiB before issue 16 and 586.2 KiB (-25.4%) when that work was
// done; issues 22 and 23 grew it to 593.9 KiB, and the catalogues compiled at build time (next.config.js:
// no ICU parser in the browser) brought it to 562.6 KiB (bench/RESULTS.md). The issue asks for 25% off.
const LARGEST_ROUTE_BUDGET = 0.75 * 786.3 * 1024;

const routes = firstLoadJs(path.join(repoRoot, '.next'));
const source = (file: string) => readFileSync(path.join(repoRoot, '.next', file), 'utf8');

test('no route loads zod, next-auth’s client or an ICU message parser with the page', () => {
  expect(routes.length).toBeGreaterThan(20);
  for (const route of routes) {
    const js = route.files.map(source).join('\n');
    expect(js.includes('$ZodType'), `zod in the first load of ${route.route}`).toBe(false);
    expect(js.includes('nextauth.message'), `next-auth/react in the first load of ${route.route}`).toBe(false);
    // @formatjs/icu-messageformat-parser's error names: the catalogues arrive compiled (next.config.js).
    expect(js.includes('EXPECT_ARGUMENT_CLOSING_BRACE'), `an ICU parser in the first load of ${route.route}`).toBe(false);
  }
});

test('a form’s schema is still in the build, loaded on demand', () => {
  const firstLoad = new Set(routes.flatMap((route) => route.files));
  const chunks = path.join(repoRoot, '.next', 'static', 'chunks');
  const lazy = readdirSync(chunks)
    .map((name) => `static/chunks/${name}`)
    .filter((file) => file.endsWith('.js') && !firstLoad.has(file) && source(file).includes('$ZodType'));
  expect(lazy.length).toBeGreaterThan(0);
});

test('the largest route’s first load is at least 25% below where issue 16 started', () => {
  const [largest] = routes;
  expect(largest!.raw, `${largest!.route}: ${(largest!.raw / 1024).toFixed(1)} KiB`).toBeLessThanOrEqual(LARGEST_ROUTE_BUDGET);
});
