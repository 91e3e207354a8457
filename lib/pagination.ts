import { z } from 'zod';

export const PAGE_SIZES = [25, 50, 100] as const;

export type PageQuery<S extends string> = { page: number; pageSize: number; q: string; sort: S; dir: 'asc' | 'desc' };
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

type Params = Record<string, string | string[] | undefined>;

/** Reads list parameters from a URL's search params; anything malformed falls back to the default. */
export function parsePageQuery<S extends string>(params: Params, sorts: readonly [S, ...S[]], defaultSort: S): PageQuery<S> {
  const one = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const page = z.coerce.number().int().min(1).max(1_000_000).catch(1).parse(one('page'));
  const pageSize = z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(PAGE_SIZES[0])
    .parse(one('size'));
  const q = z.string().trim().max(200).catch('').parse(one('q') ?? '');
  const sort = z.enum(sorts).catch(defaultSort).parse(one('sort'));
  const dir = z.enum(['asc', 'desc']).catch('asc').parse(one('dir'));
  return { page, pageSize, q, sort, dir };
}

export function offsetOf(query: { page: number; pageSize: number }): number {
  return (query.page - 1) * query.pageSize;
}

/** Escapes LIKE wildcards so a search for "a_b" finds "a_b", not "axb". */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
