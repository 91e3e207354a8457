import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxChange, planLimitColumns, serviceColumns } from '@/db/columns';
import { scopedId, type DomainScope, type ScopedId } from '@/db/scope';
import { domains, mailboxes, mailboxUsage, plans } from '@/db/schema';

// Bulk actions on a domain's accounts: the selection is read once under the caller's scope, then worked
// through in chunks, each chunk locked, decided and written set-wise (one UPDATE / DELETE, one INSERT of
// audit rows, one of mail jobs), never one statement per account.

/** The domain a bulk action works in, with what its rules need: the postmaster's switches, services, plan. */
export async function getBulkDomain({ ex, scope, id }: { ex: Executor; scope: DomainScope; id: number }) {
  const [row] = await ex
    .select({
      domain: {
        id: domains.id,
        name: domains.name,
        active: domains.active,
        pmCanToggle: domains.pmCanToggle,
        pmCanDelete: domains.pmCanDelete,
        pmCanChangeLimits: domains.pmCanChangeLimits,
        ...serviceColumns(domains),
      },
      plan: planLimitColumns,
    })
    .from(domains)
    .innerJoin(plans, eq(plans.id, domains.planId))
    .where(and(eq(domains.id, id), scope))
    .limit(1);
  return row && { ...row, domain: { ...row.domain, id: scopedId(scope, 'domain', row.domain.id) } };
}

export type BulkDomain = NonNullable<Awaited<ReturnType<typeof getBulkDomain>>>;

/**
 * The selected accounts' ids, in id order: the ticked `ids` that are in this domain, or every account
 * `match` (the list's WHERE over alias `m`, db/queries/accounts.ts) selects in it.
 */
export async function listBulkTargetIds({
  ex,
  domainId,
  ids,
  match,
}: {
  ex: Executor;
  domainId: ScopedId<'domain'>;
  ids?: number[];
  match?: SQL;
}): Promise<number[]> {
  const chosen = ids ? sql` and m.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : match ? sql` and (${match})` : sql``;
  const result = (await ex.execute(sql`select m.id from ${mailboxes} m where m.domain_id = ${domainId}${chosen} order by m.id`)) as unknown as {
    rows: { id: number | string }[];
  };
  return result.rows.map((row) => Number(row.id));
}

/** One chunk of the selection, locked (a settings save or a single toggle / delete waits for it). */
export async function lockBulkRows({ ex, scope, domainId, ids }: { ex: Executor; scope: DomainScope; domainId: ScopedId<'domain'>; ids: number[] }) {
  if (ids.length === 0) return [];
  const rows = await ex
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      isPostmaster: mailboxes.isPostmaster,
      active: mailboxes.active,
      quotaBytes: mailboxes.quotaBytes,
      forcePasswordChange: mailboxes.forcePasswordChange,
      ...serviceColumns(mailboxes),
      usedBytes: sql<number>`coalesce(${mailboxUsage.storageBytes}, 0)`.mapWith(Number),
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .leftJoin(mailboxUsage, eq(mailboxUsage.address, mailboxes.address))
    .where(and(eq(mailboxes.domainId, domainId), inArray(mailboxes.id, ids), scope))
    .orderBy(asc(mailboxes.id))
    .for('update', { of: mailboxes });
  return rows.map((row) => ({ ...row, id: scopedId(scope, 'mailbox', row.id) }));
}

export type BulkRow = Awaited<ReturnType<typeof lockBulkRows>>[number];

/** Storage given to all the domain's mailboxes (call after lockDomainForStorage). */
export async function sumDomainQuotas({ ex, domainId }: { ex: Executor; domainId: ScopedId<'domain'> }): Promise<number> {
  const [row] = await ex
    .select({ total: sql<string>`coalesce(sum(${mailboxes.quotaBytes}), 0)::bigint` })
    .from(mailboxes)
    .where(eq(mailboxes.domainId, domainId));
  return Number(row?.total ?? 0);
}

/**
 * The same change on many ordinary accounts (never the postmaster mailbox), bumping their versions;
 * `endSessions` also bumps their session versions (deactivated: their sessions end at once).
 */
export async function updateAccountsBulk({
  ex,
  ids,
  values,
  endSessions = false,
}: {
  ex: Executor;
  ids: ScopedId<'mailbox'>[];
  values: Partial<typeof mailboxes.$inferInsert>;
  endSessions?: boolean;
}): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await ex
    .update(mailboxes)
    .set(mailboxChange(values, { endSessions }))
    .where(and(inArray(mailboxes.id, ids), eq(mailboxes.isPostmaster, false)))
    .returning({ id: mailboxes.id });
  return rows.length;
}

/** Deletes many ordinary accounts (the same cascades as deleteAccountById). */
export async function deleteAccountsBulk({ ex, ids }: { ex: Executor; ids: ScopedId<'mailbox'>[] }): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await ex
    .delete(mailboxes)
    .where(and(inArray(mailboxes.id, ids), eq(mailboxes.isPostmaster, false)))
    .returning({ id: mailboxes.id });
  return rows.length;
}
