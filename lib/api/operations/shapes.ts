import type { z } from 'zod';
import type { Action } from '@/lib/auth/permissions';
import type { ProblemCode } from '../problem';
import { defineOperation } from '../operation';
import { versionOut } from '../schemas/common';
import { idParams } from '../schemas/query';
import { BODY, LIST, READ_ONE, SAVE } from './shared';

// The shapes most operations share (a list, a list under a parent, one row by id, a row created under a
// parent, a versioned save, a deletion, an action on a row, an active switch):
// an operation names what is its own, the shape adds the method, the standard answer and problems.

/** What names an operation, groups it and says who may call it. */
type Head = { id: string; permission: Action; path: string; tag: string; summary: string; description?: string };
/** A JSON answer with status 200. */
type Answer<R extends z.ZodType> = { description: string; schema: R; schemaName?: string };

/** GET one page of rows, with the list's query parameters. */
export function listOp<Q extends z.ZodType, R extends z.ZodType>({ query, response, ...head }: Head & { query: Q; response: Answer<R> }) {
  return defineOperation({ ...head, method: 'GET', query, response: { status: 200, ...response }, errors: LIST });
}

/** GET one page of the rows under the parent `{id}` (404 when the parent does not exist or is out of reach). */
export function listInOp<Q extends z.ZodType, R extends z.ZodType>({ query, response, ...head }: Head & { query: Q; response: Answer<R> }) {
  return defineOperation({ ...head, method: 'GET', params: idParams, query, response: { status: 200, ...response }, errors: [...READ_ONE, ...LIST] });
}

/** GET one row by its `{id}` (404 when it does not exist or is out of reach). */
export function readOneOp<R extends z.ZodType>({ response, ...head }: Head & { response: Answer<R> }) {
  return defineOperation({ ...head, method: 'GET', params: idParams, response: { status: 200, ...response }, errors: READ_ONE });
}

/**
 * POST a new row under the parent `{id}` (404 when the parent does not exist or is out of reach; 422
 * refused when a rule of the plan or the domain says no); answers 201 with the new row.
 */
export function createInOp<B extends z.ZodType, R extends z.ZodType>({ response, ...operation }: Head & { body: B; bodyName: string; response: Answer<R> }) {
  return defineOperation({ ...operation, method: 'POST', params: idParams, response: { status: 201, ...response }, errors: ['notFound', 'refused', ...BODY] });
}

/** PUT a versioned settings section as a whole; answers the new version (409 when someone saved since). */
export function saveSectionOp<P extends z.ZodType, B extends z.ZodType>(operation: Head & { params?: P; body: B; bodyName?: string }) {
  return defineOperation({
    ...operation,
    method: 'PUT',
    response: { status: 200, description: 'Saved; the new version.', schema: versionOut, schemaName: 'Version' },
    errors: SAVE,
  });
}

/**
 * DELETE a row by its `{id}` (204; `answer` says what was done, "Deleted." unless told). With `query`, it is
 * confirmed as the panel confirms it (the typed name), and a query that does not parse is 422.
 */
export function deleteOp<Q extends z.ZodType>({ query, answer = 'Deleted.', ...head }: Head & { query?: Q; answer?: string }) {
  return defineOperation({
    ...head,
    method: 'DELETE',
    params: idParams,
    query,
    response: { status: 204, description: answer },
    errors: query ? ['notFound', 'validation', 'refused'] : ['notFound', 'refused'],
  });
}

/**
 * POST an action on the row `{id}`, with no body (a switch, a key made or activated): the row's answer,
 * 200 unless told.
 */
export function rowActionOp<R extends z.ZodType, Q extends z.ZodType = z.ZodType>({
  response,
  ...operation
}: Head & { query?: Q; response: Answer<R> & { status?: 200 | 201 }; errors: ProblemCode[] }) {
  return defineOperation({ ...operation, method: 'POST', params: idParams, response: { status: 200, ...response } });
}

/**
 * POST <path>/deactivate and <path>/reactivate (`path` is the row's, with `{id}`): the row's active
 * switch, as the panel's. `name` ends the operation ids, `noun` the summaries.
 */
export function toggleOps<R extends z.ZodType>({
  name,
  noun,
  path,
  offDescription,
  ...rest
}: Omit<Head, 'id' | 'summary' | 'description'> & { name: string; noun: string; offDescription: string; response: Answer<R>; errors: ProblemCode[] }) {
  const op = (active: boolean) => {
    const verb = active ? 'reactivate' : 'deactivate';
    return rowActionOp({
      ...rest,
      id: `${verb}${name}`,
      path: `${path}/${verb}`,
      summary: `${active ? 'Reactivate' : 'Deactivate'} ${noun}`,
      description: active ? undefined : offDescription,
    });
  };
  return { deactivate: op(false), reactivate: op(true) };
}
