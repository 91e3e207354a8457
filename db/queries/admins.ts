import 'server-only';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { adminAccessColumns } from '@/db/columns';
import { admins, domains, panelSettings } from '@/db/schema';

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
  allowedIps: string[];
  otpEnabled: boolean;
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
        allowedIps: admins.allowedIps,
        otpEnabled: sql<boolean>`(${admins.otpEnabledAt} is not null)`,
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

/** Empties an admin's allowed IPs (the command line's way back in); returns the list it had. */
export async function clearAdminAllowedIps(ex: Executor, params: { id: number }): Promise<string[]> {
  const [before] = await ex.select({ allowedIps: admins.allowedIps }).from(admins).where(eq(admins.id, params.id)).for('update');
  await ex
    .update(admins)
    .set({ allowedIps: [], version: sql`${admins.version} + 1`, updatedAt: sql`now()` })
    .where(eq(admins.id, params.id));
  return before?.allowedIps ?? [];
}

/** Sets an admin's allowed IPs; returns the list it had, or undefined when no such admin. */
export async function setAdminAllowedIps(ex: Executor, params: { id: number; allowedIps: string[] }): Promise<{ email: string; before: string[] } | undefined> {
  const [before] = await ex.select({ email: admins.email, allowedIps: admins.allowedIps }).from(admins).where(eq(admins.id, params.id)).for('update');
  if (!before) return undefined;
  await ex
    .update(admins)
    .set({ allowedIps: params.allowedIps, version: sql`${admins.version} + 1`, updatedAt: sql`now()` })
    .where(eq(admins.id, params.id));
  return { email: before.email, before: before.allowedIps };
}

/** Whether `ip` is allowed by a list as it would be stored (empty: anywhere; unknown address: only then). */
export async function listAllowsIp(ex: Executor, params: { allowedIps: string[]; ip: string | null }): Promise<boolean> {
  const list = sql`${`{${params.allowedIps.join(',')}}`}::cidr[]`;
  const result = await ex.execute(sql`select (cardinality(${list}) = 0 or coalesce(${params.ip}::inet <<= any(${list}), false)) as allowed`);
  return Boolean((result as unknown as { rows: { allowed: boolean }[] }).rows[0]?.allowed);
}

/** The panel-wide settings (defaults while never changed). */
export async function getPanelSettings(ex: Executor): Promise<{ adminOtpRequired: boolean }> {
  const [row] = await ex.select({ adminOtpRequired: panelSettings.adminOtpRequired }).from(panelSettings).where(eq(panelSettings.id, 1));
  return { adminOtpRequired: row?.adminOtpRequired ?? false };
}

export async function setAdminOtpRequired(ex: Executor, params: { required: boolean }): Promise<void> {
  await ex
    .insert(panelSettings)
    .values({ id: 1, adminOtpRequired: params.required })
    .onConflictDoUpdate({ target: panelSettings.id, set: { adminOtpRequired: params.required, updatedAt: sql`now()` } });
}

/** Whether the superadmin has two-step sign-in set up. */
export async function superadminHasOtp(ex: Executor): Promise<boolean> {
  const [row] = await ex.select({ enabled: sql<boolean>`(${admins.otpEnabledAt} is not null)` }).from(admins).where(eq(admins.role, 'superadmin')).limit(1);
  return Boolean(row?.enabled);
}
