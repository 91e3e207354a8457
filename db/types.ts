import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Queries take either the database or an open transaction, so callers can group writes. */
export type Executor = Database | Transaction;

/** One page of a list: rows within the caller's scope, matching the search (a LIKE pattern), sorted. */
export type ListPageArgs<S extends string> = {
  ex: Executor;
  scope: SQL;
  search: string | null;
  sort: S;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
};
