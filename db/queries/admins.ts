import 'server-only';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { adminAccessColumns } from '@/db/columns';
import { admins, domains } from '@/db/schema';

export const ADMIN_SORTS = ['email', 'name', 'status', 'domains', 'lastLogin'] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number];

export type AdminListRow = {
  id: number;
  email: string;
  name: string;
  role: 'superadmin' | 'admin';
  active: boolean;
  lastLoginAt: Date | null;
  domainCount: number;
};

// Counted per row through domains_admin_idx (admin_id, name): cheap for one page of admins. The outer
// column is qualified by hand: drizzle leaves columns unqualified in a single-table select list, and
// an unqualified "id" inside the subquery would mean domains.id.
const domainCount = sql<number>`(select count(*) from ${domains} where ${domains}.${sql.identifier(domains.adminId.name)} = ${admins}.${sql.identifier(admins.id.name)})`.mapWith(Number);

function searchCondition(search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  return or(ilike(admins.email, search), ilike(admins.name, search));
}

function orderBy(sort: AdminSort, dir: 'asc' | 'desc'): SQL[] {
  const d = dir === 'desc' ? sql`desc` : sql`asc`;
  const byId = asc(admins.id);
  switch (sort) {
    case 'name':
      return [sql`lower(${admins.name}) ${d}`, asc(admins.email), byId];
    case 'status':
      return [sql`${admins.active} ${d}`, asc(admins.email), byId];
    case 'domains':
      return [sql`${domainCount} ${d}`, asc(admins.email), byId];
    case 'lastLogin':
      // Those who never signed in go last either way.
      return [sql`${admins.lastLoginAt} ${d} nulls last`, asc(admins.email), byId];
    default:
      return [sql`${admins.email} ${d}`, byId];
  }
}

/**
 * One page of admins (the superadmin included) with how many domains each owns, and the total
 * matching `search`, a LIKE pattern already escaped (see likePattern), matched on email or name.
 */
export async function listAdmins(
  ex: Executor,
  params: { search?: string; sort: AdminSort; dir: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: AdminListRow[]; total: number }> {
  const where = searchCondition(params.search);
  const [rows, totals] = await Promise.all([
    ex
      .select({
        id: admins.id,
        email: admins.email,
        name: admins.name,
        role: admins.role,
        active: admins.active,
        lastLoginAt: admins.lastLoginAt,
        domainCount,
      })
      .from(admins)
      .where(where)
      .orderBy(...orderBy(params.sort, params.dir))
      .limit(params.limit)
      .offset(params.offset),
    ex.select({ total: count() }).from(admins).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

export async function findAdminByEmail(
  ex: Executor,
  params: { email: string },
): Promise<{ id: number; email: string; role: 'superadmin' | 'admin'; active: boolean } | undefined> {
  const [row] = await ex
    .select({ id: admins.id, email: admins.email, role: admins.role, active: admins.active })
    .from(admins)
    .where(eq(admins.email, params.email))
    .limit(1);
  return row;
}

/** The row to change, locked until the transaction ends when `forUpdate` is set. */
export async function findAdminById(
  ex: Executor,
  params: { id: number; forUpdate?: boolean },
): Promise<{ id: number; email: string; role: 'superadmin' | 'admin'; active: boolean; sessionVersion: number } | undefined> {
  const query = ex
    .select(adminAccessColumns)
    .from(admins)
    .where(eq(admins.id, params.id))
    .limit(1);
  const [row] = await (params.forUpdate ? query.for('update') : query);
  return row;
}

/** A new, active admin (never a superadmin: there is one, created at setup). */
export async function insertAdmin(
  ex: Executor,
  params: { email: string; name: string; passwordHash: string },
): Promise<{ id: number; email: string }> {
  const [row] = await ex
    .insert(admins)
    .values({ email: params.email, name: params.name, role: 'admin', passwordHash: params.passwordHash })
    .returning({ id: admins.id, email: admins.email });
  if (!row) throw new Error('insert into admins returned no row');
  return row;
}

/**
 * Deactivates or reactivates an ordinary admin; the superadmin is never matched. Deactivating also
 * bumps the session version in the same statement, so every existing session ends at once.
 * Returns the row as it now is, or undefined when no admin changed (missing, superadmin, or
 * already in that state).
 */
export async function setAdminActive(
  ex: Executor,
  params: { id: number; active: boolean },
): Promise<{ id: number; email: string; active: boolean; sessionVersion: number } | undefined> {
  const [row] = await ex
    .update(admins)
    .set({
      active: params.active,
      ...(params.active ? {} : { sessionVersion: sql`${admins.sessionVersion} + 1` }),
      version: sql`${admins.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(admins.id, params.id), eq(admins.role, 'admin'), eq(admins.active, !params.active)))
    .returning({ id: admins.id, email: admins.email, active: admins.active, sessionVersion: admins.sessionVersion });
  return row;
}
