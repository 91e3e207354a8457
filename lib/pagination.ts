import { z } from 'zod';
import { paramText } from '@/lib/validations/url-params';

export const PAGE_SIZES = [25, 50, 100] as const;

/** `refused`: the URL's search text could not be used (too long, or a NUL / lone surrogate): the list shows everything and says so. */
export type PageQuery<S extends string> = { page: number; pageSize: number; q: string; sort: S; dir: 'asc' | 'desc'; refused?: boolean };
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

type Params = Record<string, string | string[] | undefined>;

// Built once: a zod schema costs far more to build than to run, and every list page reads these.
const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
const pageSizeSchema = z.coerce
  .number()
  .int()
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
  .catch(PAGE_SIZES[0]);
const qSchema = paramText().trim().max(200);
const dirSchema = z.enum(['asc', 'desc']).catch('asc');
// Keyed by the (few, fixed) sort lists the pages declare.
const sortSchemas = new Map<string, z.ZodType<string>>();

function sortSchema<S extends string>(sorts: readonly [S, ...S[]], defaultSort: S): z.ZodType<S> {
  const key = `${sorts.join(',')}:${defaultSort}`;
  let schema = sortSchemas.get(key);
  if (!schema) sortSchemas.set(key, (schema = z.enum(sorts).catch(defaultSort)));
  return schema as z.ZodType<S>;
}

/**
 * Reads list parameters from a URL's search params; anything malformed falls back to the default, and a
 * search text that cannot be used is dropped with `refused` set (the list says so above the rows).
 */
export function parsePageQuery<S extends string>(params: Params, sorts: readonly [S, ...S[]], defaultSort: S): PageQuery<S> {
  const one = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const q = qSchema.safeParse(one('q') ?? '');
  return {
    page: pageSchema.parse(one('page')),
    pageSize: pageSizeSchema.parse(one('size')),
    q: q.success ? q.data : '',
    sort: sortSchema(sorts, defaultSort).parse(one('sort')),
    dir: dirSchema.parse(one('dir')),
    ...(q.success ? {} : { refused: true }),
  };
}

export function offsetOf(query: { page: number; pageSize: number }): number {
  return (query.page - 1) * query.pageSize;
}

/** Escapes LIKE wildcards so a search for "a_b" finds "a_b", not "axb". */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
