import { expect } from 'vitest';
import { expectDocumented } from './contract';
import { loadRoute, matchRoute } from './routes';

// Calls a route handler as Next would (a Request and its path parameters), checks the answer against
// the OpenAPI document, and records which operations and statuses the tests have seen.

export type CallOptions = {
  token?: string | null;
  /** A JSON body (sent as application/json), or a raw string with `contentType`. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
};

/** A body as JSON.parse gives it: loosely typed, for the assertions to dig into. */
export type Json = ReturnType<typeof JSON.parse>;

export type ApiAnswer<T = Json> = { status: number; body: T; headers: Headers; response: Response };

/** operationId → statuses seen, for the "every operation is exercised" check. */
export const exercised = new Map<string, Set<number>>();

export async function call<T = Json>(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer<T>> {
  const url = new URL(`http://panel.test/api/v1${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const matched = matchRoute(url.pathname.replace(/^\/api\/v1/, ''));
  expect(matched, `no route file serves ${url.pathname}`).not.toBeNull();
  const { route, params } = matched!;
  const handler = (await loadRoute(route.file))[method as 'GET'];
  expect(handler, `${route.file} exports no ${method}`).toBeTypeOf('function');

  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers.set('content-type', options.contentType);
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set('content-type', options.contentType ?? 'application/json');
  }
  const request = new Request(url, { method, headers, body });
  const response = await handler!(request, { params: Promise.resolve(params) });

  const parsed = await expectDocumented(method, route.template, response);
  const operationId = handler!.operation.id;
  if (!exercised.has(operationId)) exercised.set(operationId, new Set());
  exercised.get(operationId)!.add(response.status);
  return { status: response.status, body: parsed as T, headers: response.headers, response };
}
