import 'server-only';
import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './types';

const built = new WeakMap<Executor, Map<string, unknown>>();

/**
 * A statement of fixed shape, built once per database and reused with new placeholder values, where
 * building it cost more than running it: drizzle turns a query builder into SQL text on every call
 * (~0.3 ms of CPU for the session read that every signed-in request runs; bench/RESULTS.md, tenth session).
 * `build` makes it with `sql.placeholder(…)` for every value and `.prepare(name)` (on PostgreSQL a named
 * statement, parsed once per connection). In a transaction it is built anew, bound to that transaction.
 */
export function preparedFor<Q>(ex: Executor, name: string, build: (ex: Executor, name: string) => Q): Q {
  if (is(ex, PgTransaction)) return build(ex, name);
  let byName = built.get(ex);
  if (!byName) built.set(ex, (byName = new Map()));
  let query = byName.get(name) as Q | undefined;
  if (!query) byName.set(name, (query = build(ex, name)));
  return query;
}
