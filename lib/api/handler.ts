import type { z } from 'zod';
import type { TokenAccess } from '@/db/queries/api-tokens';
import { formatPrincipal, type Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { pickLanguage } from '@/lib/i18n/accept-language';
import type { Language } from '@/lib/mail/services';
import { componentLogger } from '@/lib/ops/log/logger';
import { noteCaller } from '@/lib/ops/log/request-context';
import { getClientIp } from '@/lib/request/client-ip';
import { authenticate } from './authenticate';
import { authenticateByPassword } from './authenticate-password';
import type { ApiOperation } from './operation';
import { ApiProblem, problemResponse } from './problem';
import { problemFromError } from './result';

// The wrapper every /api/v1 route handler goes through. To add an endpoint:
//   1. describe it once with defineOperation (lib/api/operations/<area>.ts): method, path template,
//      the permission it needs (lib/auth/permissions.ts), params/query/body schemas (bodies: the forms'
//      zod schemas), the response schema, the problems;
//   2. list it in lib/api/registry.ts (that is what the OpenAPI document and the tests read);
//   3. in app/api/v1/<path>/route.ts:  export const GET = apiRoute(operations.listThings, async ({ caller, query }) => …);
//      call the same data-access function the panel's server action calls; `unwrap(result)` turns an
//      ActionResult refusal into its problem. Return plain data (Dates are fine: they become ISO strings),
//      `reply(data, headers)`, or a Response of your own (a stream, CSV: declare `response.raw`).
// The wrapper authenticates the token (lib/api/authenticate.ts), refuses an owner without the
// permission (403), parses the path (bad → 404) and query (bad → 422) parameters and the JSON body
// (not JSON → 422), runs the handler, checks the answer against the response schema, and turns
// anything thrown into a problem+json answer — never a bare 500.

export type ApiContext<P extends z.ZodType, Q extends z.ZodType> = {
  request: Request;
  caller: Caller;
  ip: string | null;
  /** The token used; null for an operation the account signs with its password (operation.authentication). */
  token: { id: number; access: TokenAccess } | null;
  language: Language;
  params: z.output<P>;
  query: z.output<Q>;
  /** The parsed JSON body (unknown: the data-access function validates it with the form's schema). */
  body: unknown;
};

/** What a handler may return for a JSON response: the schema's shape, with Dates where strings go. */
export type Wire<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends Date
      ? T
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** A JSON answer with extra headers (e.g. Location for a 201). */
export class ApiReply<T> {
  constructor(
    readonly data: T,
    readonly headers: Record<string, string>,
  ) {}
}

export function reply<T>(data: T, headers: Record<string, string>): ApiReply<T> {
  return new ApiReply(data, headers);
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type ApiRouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { operation: ApiOperation };

/** Bodies larger than this are refused before they are parsed. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

async function readCapped(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > max) throw new ApiProblem('tooLarge', { vars: { max } });
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new ApiProblem('tooLarge', { vars: { max } });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) throw new ApiProblem('malformed');
  const text = await readCapped(request, MAX_JSON_BODY_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem('malformed');
  }
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in out)) out[key] = value;
  return out;
}

function jsonResponse(operation: ApiOperation, data: unknown, headers: Record<string, string>): Response {
  const base = { 'Cache-Control': 'no-store', ...headers };
  if (operation.response.status === 204) return new Response(null, { status: 204, headers: base });
  const schema = operation.response.schema;
  const wire: unknown = data === undefined ? null : JSON.parse(JSON.stringify(data));
  const checked = schema ? schema.safeParse(wire) : { success: true as const, data: wire };
  if (!checked.success) {
    componentLogger('api').error({ operation: operation.id, issues: checked.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })) }, 'the answer does not match its schema');
    throw new ApiProblem('internal');
  }
  return Response.json(checked.data, { status: operation.response.status, headers: base });
}

/** The route handler for one operation (see the comment at the top of this file). */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  operation: ApiOperation<P, Q, B, R>,
  run: (context: ApiContext<P, Q>) => Promise<Wire<z.input<R>> | ApiReply<Wire<z.input<R>>> | Response>,
): ApiRouteHandler {
  const handler = async (request: Request, context: RouteContext): Promise<Response> => {
    let language: Language = pickLanguage(request.headers.get('accept-language'));
    try {
      const ip = await getClientIp();
      // An operation the account signs with its password reads its body first: the credentials are in it.
      const signedBody = operation.authentication === 'accountPassword' ? await readJsonBody(request) : undefined;
      const auth =
        operation.authentication === 'accountPassword'
          ? { ...(await authenticateByPassword({ body: signedBody, ip, operation })), token: null }
          : await authenticate({ authorization: request.headers.get('authorization'), ip, operation });
      noteCaller(formatPrincipal(auth.caller));
      language = auth.caller.language;
      if (!operation.permission) throw new Error(`${operation.id} names no permission`);
      assertCan(auth.caller, operation.permission);

      const rawParams = (await context.params) ?? {};
      const params = operation.params ? operation.params.safeParse(rawParams) : { success: true as const, data: rawParams };
      if (!params.success) throw new ApiProblem('notFound');

      const query = operation.query ? operation.query.safeParse(queryObject(new URL(request.url))) : { success: true as const, data: {} };
      if (!query.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of query.error.issues) fieldErrors[issue.path.map(String).join('.') || '_query'] ??= issue.message;
        throw new ApiProblem('validation', { fieldErrors });
      }

      const body = signedBody ?? (operation.body ? await readJsonBody(request) : undefined);
      const result = await run({
        request,
        ...auth,
        ip,
        language,
        params: params.data as z.output<P>,
        query: query.data as z.output<Q>,
        body,
      });
      if (result instanceof Response) return result;
      if (result instanceof ApiReply) return jsonResponse(operation, result.data, result.headers);
      return jsonResponse(operation, result, {});
    } catch (error) {
      const problem = problemFromError(error);
      return problemResponse(problem, problem.options.language ?? language);
    }
  };
  return Object.assign(handler, { operation: operation as unknown as ApiOperation });
}

/** A route without a token (only the OpenAPI document itself): still answers problems, never a bare 500. */
export function publicApiRoute(operation: ApiOperation, run: (request: Request) => Promise<unknown>): ApiRouteHandler {
  const handler = async (request: Request): Promise<Response> => {
    try {
      return jsonResponse(operation, await run(request), {});
    } catch (error) {
      return problemResponse(problemFromError(error), pickLanguage(request.headers.get('accept-language')));
    }
  };
  return Object.assign(handler, { operation });
}
