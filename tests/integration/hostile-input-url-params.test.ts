import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isValidElement, type ReactElement } from 'react';
import { aliases, aliasTargets, apiOwnerRate, apiTokens } from '@/db/schema';
import { API_OPERATIONS } from '@/lib/api/registry';
import type { ApiOperation } from '@/lib/api/operation';
import { isStorableText } from '@/lib/validations/common';
import { ACCOUNT_FILTER_PARAMS } from '@/lib/accounts/list-filters';
import { useTestDatabase } from './helpers/db';
import { expectDocumented } from './api/helpers/contract';
import { loadRoute, ROOT, routeFiles } from './api/helpers/routes';
import { apiWorld, type ApiWorld } from './api/helpers/world';
import { changedTables, tableDigest } from './authz/support/digest';
import { hostileString } from './authz/support/hostile';
import { signInAs } from './authz/support/next-mocks';
import { nextControlFlow } from './authz/support/outcome';
import { URL_PARAM_PLAN } from './authz/support/url-param-plan';

// Hostile values in every URL parameter (the plan: authz/support/url-param-plan.ts; the coverage test
// checks it against the source). A page, called as Next calls it, must render, answer 404, or redirect,
// never throw (the error page); a REST operation must answer what the OpenAPI document says it may,
// never a 500, and a refusal must write nothing. A NUL or a lone surrogate is refused where the
// parameter is read (lib/validations/url-params.ts): 422 naming a query parameter, 404 for a path id,
// and a list page shows everything with a message.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

/** Cases per parameter beyond the examples (one string per parameter; HOSTILE_PARAM_RUNS for a longer search). */
const RUNS = Number(process.env.HOSTILE_PARAM_RUNS ?? 20);
/** The values the issue named, tried first for every parameter. */
const EXAMPLES: [string][] = [['\u0000'], ['a\u0000b'], ['\uD800'], ['x\uDFFFy'], ['']];

const t = useTestDatabase();
let w: ApiWorld;
/** An alias of the world's domain: the valid id of the alias page. */
let aliasId = 0;

beforeAll(async () => {
  w = await apiWorld(t.db());
  const [alias] = await t.db().insert(aliases).values({ domainId: w.domain.id, localPart: 'info', address: `info@${w.domain.name}` }).returning({ id: aliases.id });
  aliasId = alias!.id;
  await t.db().insert(aliasTargets).values({ aliasId, address: 'friend@elsewhere.example' });
});

// ---------------------------------------------------------------------------------------------- pages

type PageProps = { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> };
type PageOutcome = { kind: 'page'; tree: unknown } | { kind: 'redirect' | 'notFound' } | { kind: 'threw'; error: unknown };

/** The page's own component, inside withPageMessages' wrapper, called with the props Next gives it. */
async function renderPage(file: string, props: PageProps): Promise<PageOutcome> {
  try {
    const pageModule = (await import(path.join(ROOT, file))) as { default: (p: PageProps) => Promise<ReactElement<{ children: ReactElement<PageProps> }>> };
    const wrapper = await pageModule.default(props);
    const inner = wrapper.props.children;
    const tree = await (inner.type as (p: PageProps) => Promise<unknown>)(inner.props);
    return { kind: 'page', tree };
  } catch (error) {
    const flow = nextControlFlow(error);
    return flow ? { kind: flow.kind as 'redirect' | 'notFound' } : { kind: 'threw', error };
  }
}

/** Whether any element of the tree has props matching `test` (the page's own elements, not rendered further). */
function someElement(node: unknown, test: (props: Record<string, unknown>) => boolean): boolean {
  if (Array.isArray(node)) return node.some((child) => someElement(child, test));
  if (!isValidElement(node)) return false;
  const props = node.props as Record<string, unknown>;
  return test(props) || someElement(props.children, test);
}

/** A DataList (`paging.query`) or the accounts' table (`query`) told that its search was refused. */
const listRefused = (props: Record<string, unknown>) =>
  (props.paging as { query?: { refused?: boolean } } | undefined)?.query?.refused === true || (props.query as { refused?: boolean } | undefined)?.refused === true;

/** The accounts' table told that a filter of the URL was refused (lib/accounts/list-filters.ts). */
const filterRefused = (key: string) => (props: Record<string, unknown>) => (props.refusedFilters as string[] | undefined)?.includes(key) === true;

/** Lists whose `q` is read (parsePageQuery) but that have no search box: nothing to say about it. */
const NO_SEARCH = ['app/(panel)/jobs/page.tsx', 'app/(panel)/audit/page.tsx'];

/** Who opens each page, and the valid value of each of its path parameters. */
function pageSetting(file: string): { principal: string | null; params: Record<string, string> } {
  const superadmin = `admin:${w.superadminRow.id}`;
  const signedOut = file.startsWith('app/login/') || file.startsWith('app/setup/');
  const ids: [string, number][] = [
    ['/accounts/[id]/', w.mailbox.id],
    ['/aliases/[id]/', aliasId],
    ['/postmasters/[id]/', w.postmaster.id],
    ['/plans/[id]/', w.plan.id],
  ];
  const id = ids.find(([part]) => file.includes(part))?.[1] ?? w.domain.id;
  return {
    principal: signedOut ? null : superadmin,
    params: { id: String(id), draftId: '00000000-0000-4000-8000-000000000000', step: '1' },
  };
}

const pageEntries = Object.entries(URL_PARAM_PLAN).filter(([endpoint]) => endpoint.startsWith('app/'));

describe('hostile URL parameters of the pages', () => {
  for (const [file, params] of pageEntries) {
    for (const param of params) {
      it(`${file} ${param}: ${RUNS} cases`, { timeout: RUNS * 300 + 30_000 }, async () => {
        const setting = pageSetting(file);
        signInAs(setting.principal);
        const counts = { page: 0, redirect: 0, notFound: 0 };
        await fc.assert(
          fc.asyncProperty(hostileString, async (value) => {
            const name = param.replace(/^\?|^\[|\]$/g, '');
            const props: PageProps = param.startsWith('?')
              ? { params: Promise.resolve(setting.params), searchParams: Promise.resolve({ [name]: value }) }
              : { params: Promise.resolve({ ...setting.params, [name]: value }), searchParams: Promise.resolve({}) };
            const outcome = await renderPage(file, props);
            expect(outcome.kind, outcome.kind === 'threw' ? String((outcome.error as Error)?.stack ?? outcome.error) : '').not.toBe('threw');
            counts[outcome.kind as keyof typeof counts] += 1;
          }),
          { numRuns: RUNS, examples: EXAMPLES },
        );
        // The valid page itself renders (the property is not only about refusals).
        expect(await renderPage(file, { params: Promise.resolve(setting.params), searchParams: Promise.resolve({}) })).toMatchObject({
          kind: file.includes('[draftId]') || file === 'app/setup/page.tsx' ? 'notFound' : 'page',
        });
      });
    }
  }

  const searches = pageEntries.flatMap(([file, params]) =>
    ['q', 'domain', 'actor'].filter((key) => params.includes(`?${key}`) && !(key === 'q' && NO_SEARCH.includes(file))).map((key) => [file, key] as const),
  );
  it.each(searches.flatMap(([file, key]) => EXAMPLES.slice(0, 4).map(([value]) => [file, key, value] as const)))(
    '%s?%s=%j shows the whole list and says the search was refused',
    async (file, key, value) => {
      const setting = pageSetting(file);
      signInAs(setting.principal);
      const outcome = await renderPage(file, { params: Promise.resolve(setting.params), searchParams: Promise.resolve({ [key]: value }) });
      expect(outcome.kind).toBe('page');
      const tree = (outcome as { tree: unknown }).tree;
      expect(someElement(tree, listRefused), 'the list says its search was refused').toBe(true);
    },
  );

  const filters = pageEntries.flatMap(([file, params]) => ACCOUNT_FILTER_PARAMS.filter((key) => params.includes(`?${key}`)).map((key) => [file, key] as const));
  it.each(filters.flatMap(([file, key]) => [...EXAMPLES.slice(0, 4), ['nonsense'], ['0'], ['99999']].map(([value]) => [file, key, value as string] as const)))(
    '%s?%s=%j shows the list and says the filter was refused',
    async (file, key, value) => {
      const setting = pageSetting(file);
      signInAs(setting.principal);
      const outcome = await renderPage(file, { params: Promise.resolve(setting.params), searchParams: Promise.resolve({ [key]: value }) });
      expect(outcome.kind).toBe('page');
      expect(someElement((outcome as { tree: unknown }).tree, filterRefused(key)), 'the list says the filter was refused').toBe(true);
    },
  );
});

// ------------------------------------------------------------------------------------------- the API

const operations = new Map<string, ApiOperation>(API_OPERATIONS.map((operation) => [operation.id, operation]));
const apiEntries = Object.entries(URL_PARAM_PLAN).filter(([endpoint]) => endpoint.startsWith('api:'));

/** The valid path id for an operation (the target of its path), and valid values of its query. */
function validRequest(operation: ApiOperation): { id: number; query: Record<string, string> } {
  const id = operation.path.startsWith('/accounts/')
    ? w.mailbox.id
    : operation.path.startsWith('/postmasters/')
      ? w.postmaster.id
      : operation.path.startsWith('/plans/')
        ? w.plan.id
        : w.domain.id;
  // A deletion is confirmed with a (well-formed) wrong name: the property is about the parameters, not deleting.
  const query: Record<string, string> = {};
  if (operation.id === 'deleteDomain') query.confirmName = 'not-this-one.example';
  if (operation.id === 'deleteAccount') query.confirmAddress = 'not-this-one@example.com';
  return { id, query };
}

/**
 * Calls the operation's route handler as Next does: the path parameter is handed over decoded (so a lone
 * surrogate, which no URL can carry, still reaches the schema), query parameters through the URL.
 */
async function callOperation(operation: ApiOperation, overrides: { id?: string; query?: Record<string, string> }): Promise<Response> {
  const valid = validRequest(operation);
  const route = routeFiles().find((r) => r.template === operation.path)!;
  expect(route, `no route file serves ${operation.path}`).toBeDefined();
  const handler = (await loadRoute(route.file))[operation.method]!;
  const url = new URL(`http://panel.test/api/v1${operation.path.replace('{id}', String(valid.id))}`);
  for (const [key, value] of Object.entries({ ...valid.query, ...overrides.query })) url.searchParams.set(key, value);
  const headers = new Headers({ authorization: `Bearer ${w.tokens.superadmin}` });
  let body: string | undefined;
  if (operation.body || operation.rawBody) {
    body = operation.rawBody ? '' : '{}';
    headers.set('content-type', operation.rawBody?.contentType ?? 'application/json');
  }
  return handler(new Request(url, { method: operation.method, headers, body }), { params: Promise.resolve({ id: overrides.id ?? String(valid.id) }) });
}

describe('hostile URL parameters of the REST API', () => {
  for (const [endpoint, params] of apiEntries) {
    const operation = operations.get(endpoint.slice('api:'.length));
    for (const param of params) {
      it(`${endpoint} ${param}: ${RUNS} cases`, { timeout: RUNS * 300 + 30_000 }, async () => {
        expect(operation, `${endpoint} is not a registered operation`).toBeDefined();
        const op = operation!;
        const name = param.replace(/^\?|^\{|\}$/g, '');
        const writes = op.method !== 'GET';
        await fc.assert(
          fc.asyncProperty(hostileString, async (value) => {
            // Every request counts against the token's and its owner's windows; the property is not about
            // the rate limit.
            await t.db().update(apiTokens).set({ rateCount: 0 });
            await t.db().delete(apiOwnerRate);
            const before = writes ? await tableDigest(t.db(), { except: ['api_tokens', 'api_owner_rate'] }) : undefined;
            const response = await callOperation(op, param.startsWith('?') ? { query: { [name]: value } } : { id: value });
            const text = await response.clone().text();
            expect(response.status, text).toBeLessThan(500);
            await expectDocumented(op.method, op.path, response);
            // Refused where it is read: a query parameter with a NUL is a 422 naming it (a lone surrogate
            // cannot travel in a URL: it arrives as U+FFFD), a path id that is not storable text a 404.
            if (param.startsWith('?') && value.includes('\u0000')) {
              expect(response.status, text).toBe(422);
              expect(text).toContain(`"${name}"`);
            } else if (param.startsWith('{') && !isStorableText(value)) {
              expect(response.status, text).toBe(404);
            }
            if (before && response.status >= 400) {
              expect(changedTables(before, await tableDigest(t.db(), { except: ['api_tokens', 'api_owner_rate'] })), `a ${response.status} wrote`).toEqual([]);
            }
          }),
          { numRuns: RUNS, examples: EXAMPLES },
        );
      });
    }
  }
});
