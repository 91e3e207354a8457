import type { z } from 'zod';
import type { Gate } from '@/lib/auth/gate';
import type { Action } from '@/lib/auth/permissions';
import type { ProblemCode } from './problem';

// One REST operation, described once: the route handler (lib/api/handler.ts) runs it and the OpenAPI
// document (lib/api/openapi.ts) is generated from it. Schemas are zod: request bodies are the SAME
// schemas the panel's forms use (the data-access function validates with them again), responses are
// the API's own output schemas (lib/api/schemas), which also strip anything not in the document.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body that is not JSON (e.g. CSV): the handler reads the request itself; the document shows `schema`. */
export type RawBody = { contentType: string; description: string; schema?: Record<string, unknown> };

export type ApiOperation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  /** OpenAPI operationId, unique. */
  id: string;
  method: HttpMethod;
  /** OpenAPI path template under /api/v1, e.g. `/domains/{id}`; its Next route uses `[id]`. */
  path: string;
  /** Groups operations in the document and on the reference page. */
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters (an object of strings); a value that does not parse answers 404. */
  params?: P;
  /** Query parameters (an object); a value that does not parse answers 422. */
  query?: Q;
  /** The JSON request body's schema (input side), and its name under components.schemas. */
  body?: B;
  bodyName?: string;
  rawBody?: RawBody;
  response: {
    status: 200 | 201 | 204;
    description: string;
    /** JSON response (output side); omitted for 204 or a raw response. */
    schema?: R;
    schemaName?: string;
    /** A non-JSON response (e.g. text/csv) the handler returns as a Response. */
    raw?: { contentType: string; schema?: Record<string, unknown> };
  };
  /** Problems this operation may answer beyond those every authenticated operation may (401, 403, 429, 503). */
  errors: ProblemCode[];
  /**
   * The permission (lib/auth/permissions.ts) the token's owner needs: apiRoute refuses anyone else with
   * 403 before the handler runs. Every operation but a public one names one.
   */
  permission?: Action;
  /** No token needed (only the OpenAPI document itself). */
  public?: boolean;
  /**
   * 'accountPassword': no token; the account signs with `address` and `currentPassword` in the JSON body
   * (lib/api/authenticate-password.ts). The webmail's password change, where Roundcube holds no token.
   */
  authentication?: 'token' | 'accountPassword';
  /** A caller held by this gate may still use the operation (changing its own password). */
  allowGate?: Gate;
};

/** Whether an operation changes something, and so needs a read-write token. */
export function isWrite(operation: Pick<ApiOperation, 'method'>): boolean {
  return operation.method !== 'GET';
}

/** Keeps the operation's schema types for the handler (a typed identity). */
export function defineOperation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  operation: ApiOperation<P, Q, B, R>,
): ApiOperation<P, Q, B, R> {
  return operation;
}
