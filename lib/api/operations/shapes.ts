import type { z } from 'zod';
import type { Action } from '@/lib/auth/permissions';
import type { ProblemCode } from '../problem';
import { defineOperation } from '../operation';
import { versionOut } from '../schemas/common';
import { idParams } from '../schemas/query';
import { LIST, READ_ONE, SAVE } from './shared';

// The shapes most operations share (a list, one row by id, a versioned save, a confirmed deletion, an
// active switch):
// an operation names what is its own, the shape adds the method, the standard answer and problems.

/** What names an operation, groups it and says who may call it. */
type Head = { id: string; permission: Action; path: string; tag: string; summary: string; description?: string };
/** A JSON answer with status 200. */
type Answer<R extends z.ZodType> = { description: string; schema: R; schemaName?: string };

/** GET one page of rows, with the list's query parameters. */
export function listOp<Q extends z.ZodType, R extends z.ZodType>({ query, response, ...head }: Head & { query: Q; response: Answer<R> }) {
  return defineOperation({ ...head, method: 'GET', query, response: { status: 200, ...response }, errors: LIST });
}

/** GET one row by its `{id}` (404 when it does not exist or is out of reach). */
export function readOneOp<R extends z.ZodType>({ response, ...head }: Head & { response: Answer<R> }) {
  return defineOperation({ ...head, method: 'GET', params: idParams, response: { status: 200, ...response }, errors: READ_ONE });
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

/** DELETE a row by its `{id}`, confirmed as the panel confirms it (the typed name in the query). */
export function deleteOp<Q extends z.ZodType>({ query, ...head }: Head & { query: Q }) {
  return defineOperation({ ...head, method: 'DELETE', params: idParams, query, response: { status: 204, description: 'Deleted.' }, errors: ['notFound', 'validation', 'refused'] });
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
  response,
  ...rest
}: Omit<Head, 'id' | 'summary' | 'description'> & { name: string; noun: string; offDescription: string; response: Answer<R>; errors: ProblemCode[] }) {
  const op = (active: boolean) => {
    const verb = active ? 'reactivate' : 'deactivate';
    return defineOperation({
      ...rest,
      id: `${verb}${name}`,
      method: 'POST',
      path: `${path}/${verb}`,
      summary: `${active ? 'Reactivate' : 'Deactivate'} ${noun}`,
      description: active ? undefined : offDescription,
      params: idParams,
      response: { status: 200, ...response },
    });
  };
  return { deactivate: op(false), reactivate: op(true) };
}
