import 'server-only';
import { getDb } from '@/db';
import { ADMIN_SORTS, listAdmins as selectAdmins, type AdminListRow, type AdminSort } from '@/db/queries/admins';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { likePattern, offsetOf, PAGE_SIZES, parsePageQuery, type Page, type PageQuery } from '@/lib/pagination';

export { ADMIN_SORTS, type AdminListRow, type AdminSort };
export type AdminsQuery = PageQuery<AdminSort>;

/** The list's parameters from a URL's search params; anything malformed falls back to the default. */
export function parseAdminsQuery(params: Record<string, string | string[] | undefined>): AdminsQuery {
  return parsePageQuery(params, ADMIN_SORTS, 'email');
}

/** One page of admins for the superadmin; anyone else gets a forbidden failure ("not found"). */
export async function listAdmins({ caller, query }: { caller: Caller | null; query: AdminsQuery }): Promise<Page<AdminListRow>> {
  assertCan(caller, 'admins:read');
  // Typed callers may still pass odd numbers: keep them to what a URL could ask for.
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize) || PAGE_SIZES[0]), PAGE_SIZES[PAGE_SIZES.length - 1]!);
  const page = Math.min(Math.max(1, Math.trunc(query.page) || 1), 1_000_000);
  const q = query.q.trim();
  const { rows, total } = await selectAdmins(getDb(), {
    search: q ? likePattern(q) : undefined,
    sort: (ADMIN_SORTS as readonly string[]).includes(query.sort) ? query.sort : 'email',
    dir: query.dir === 'desc' ? 'desc' : 'asc',
    limit: pageSize,
    offset: offsetOf({ page, pageSize }),
  });
  return { rows, total, page, pageSize };
}
