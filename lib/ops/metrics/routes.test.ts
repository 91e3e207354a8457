import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRoutes, loadRouteTable, matchRoute, normalizePath, routeLabel, routePatternOf } from './routes';

// Dynamic routes listed before the static ones they share a prefix with: the table must still prefer the static.
const table = compileRoutes([
  '(panel)/domains/[id]/page.tsx',
  'docs/[[...slug]]/page.tsx',
  'docs/new/page.tsx',
  'page.tsx',
  '(panel)/domains/page.tsx',
  '(panel)/domains/new/page.tsx',
  '(panel)/domains/[id]/accounts/new/[draftId]/[step]/page.tsx',
  '(panel)/accounts/export.csv/route.ts',
  'api/auth/[...nextauth]/route.ts',
  'api/v1/openapi.json/route.ts',
  '(panel)/domains/[id]/actions.ts',
  '(panel)/domains/[id]/_parts/page.tsx',
  'layout.tsx',
]);

describe('routePatternOf', () => {
  it('drops route groups and the file, keeps dynamic segments as written', () => {
    expect(routePatternOf('(panel)/domains/[id]/page.tsx')).toBe('/domains/[id]');
    expect(routePatternOf('page.tsx')).toBe('/');
    expect(routePatternOf('api/v1/domains/[id]/route.ts')).toBe('/api/v1/domains/[id]');
  });

  it('is null for files that are no page or route handler, and under private folders', () => {
    expect(routePatternOf('(panel)/domains/[id]/actions.ts')).toBeNull();
    expect(routePatternOf('layout.tsx')).toBeNull();
    expect(routePatternOf('(panel)/_parts/page.tsx')).toBeNull();
  });
});

describe('routeLabel', () => {
  it('gives the route pattern, ids and query left out', () => {
    expect(routeLabel('/domains/42', table)).toBe('/domains/[id]');
    expect(routeLabel('/domains/42?page=2&q=x', table)).toBe('/domains/[id]');
    expect(routeLabel('/domains/7/accounts/new/3f2a/mailbox', table)).toBe('/domains/[id]/accounts/new/[draftId]/[step]');
    expect(routeLabel('/', table)).toBe('/');
    expect(routeLabel('/domains/', table)).toBe('/domains');
  });

  it('prefers a static segment over a dynamic one', () => {
    expect(routeLabel('/domains/new', table)).toBe('/domains/new');
    expect(routeLabel('/accounts/export.csv', table)).toBe('/accounts/export.csv');
    expect(routeLabel('/docs/new', table)).toBe('/docs/new');
  });

  it('matches catch-alls, optional ones without a segment too', () => {
    expect(routeLabel('/api/auth/callback/credentials', table)).toBe('/api/auth/[...nextauth]');
    expect(routeLabel('/api/auth', table)).toBe('(unmatched)');
    expect(routeLabel('/docs', table)).toBe('/docs/[[...slug]]');
    expect(routeLabel('/docs/a/b', table)).toBe('/docs/[[...slug]]');
  });

  it('puts every path no route has under one label, whatever strangers ask for', () => {
    for (const url of ['/wp-login.php', '/.env', '/domains/1/2/3', `/${'x'.repeat(5000)}`, '/domains/42/%00', '/%E0%A4%A']) {
      expect(routeLabel(url, table), url).toBe('(unmatched)');
    }
  });

  it("puts Next's build assets under one label each", () => {
    expect(routeLabel('/_next/static/chunks/app-123abc.js', table)).toBe('/_next/static/*');
    expect(routeLabel('/_next/image?url=x', table)).toBe('/_next/*');
  });

  it('without a route table, replaces numbers, UUIDs and long tokens by [id]', () => {
    expect(routeLabel('/accounts/123/security?x=1', null)).toBe('/accounts/[id]/security');
    expect(normalizePath('/x/2f1c0b8e-5d7a-4b4e-9c1e-0a1b2c3d4e5f/y')).toBe('/x/[id]/y');
    expect(normalizePath('/reset/Ab3_dEf-ghIjKlMnOpQrStUv')).toBe('/reset/[id]');
    expect(normalizePath('/domains/new')).toBe('/domains/new');
  });
});

describe('loadRouteTable', () => {
  it("reads the project's app/ directory", () => {
    const real = loadRouteTable(path.join(__dirname, '../../../app'));
    expect(real).not.toBeNull();
    expect(matchRoute(real!, '/api/v1/domains/12/accounts')).toBe('/api/v1/domains/[id]/accounts');
    expect(matchRoute(real!, '/domains/12/accounts/import/check')).toBe('/domains/[id]/accounts/import/check');
    expect(matchRoute(real!, '/metrics')).toBe('/metrics');
    expect(matchRoute(real!, '/healthz')).toBe('/healthz');
  });

  it('is null when the directory cannot be read (the label falls back to the normalized path)', () => {
    expect(loadRouteTable('/nonexistent/app')).toBeNull();
  });
});
