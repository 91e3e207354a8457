import 'server-only';
import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor, ListPageArgs } from '@/db';
import { scopedId, type DomainScope, type ScopedId } from '@/db/scope';
import { admins, domainDnsChecks, domains, mailboxCounts, mailboxes, mailboxSent, mailJobs, plans } from '@/db/schema';
import type { Service } from '@/db/schema/services';

export const DOMAIN_SORTS = ['name', 'status', 'plan', 'accounts', 'storage'] as const;
export type DomainSort = (typeof DOMAIN_SORTS)[number];

// Per-domain account count and allotted storage, kept by triggers (mailbox_counts): a domain of 100,000
// accounts costs no more to show or sort by than one of ten. No row: no accounts.
const accountsCol = sql<number>`coalesce(${mailboxCounts.accounts}, 0)`.mapWith(Number);
const allocatedCol = sql<number>`coalesce(${mailboxCounts.allocatedBytes}, 0)`.mapWith(Number);

export async function listDomainRows({ ex, scope, search, sort, dir, limit, offset }: ListPageArgs<DomainSort>) {
  const where = and(scope, search ? or(ilike(domains.name, search), ilike(plans.name, search)) : undefined);
  const order = dir === 'asc' ? asc : desc;
  const sortColumn = {
    name: domains.name,
    status: domains.active,
    plan: plans.name,
    accounts: accountsCol,
    storage: allocatedCol,
  }[sort];
  const [rows, [total]] = await Promise.all([
    ex
      .select({
        id: domains.id,
        name: domains.name,
        active: domains.active,
        planName: plans.name,
        maxAccounts: plans.maxAccounts,
        domainStorageBytes: plans.domainStorageBytes,
        ownerEmail: admins.email,
        accounts: accountsCol,
        allocated: allocatedCol,
        dnsStatus: domainDnsChecks.status,
        dnsCheckedAt: domainDnsChecks.checkedAt,
      })
      .from(domains)
      .innerJoin(plans, eq(plans.id, domains.planId))
      .innerJoin(admins, eq(admins.id, domains.adminId))
      .leftJoin(mailboxCounts, eq(mailboxCounts.domainId, domains.id))
      .leftJoin(domainDnsChecks, eq(domainDnsChecks.domainId, domains.id))
      .where(where)
      .orderBy(order(sortColumn), asc(domains.id))
      .limit(limit)
      .offset(offset),
    ex
      .select({ n: count() })
      .from(domains)
      .innerJoin(plans, eq(plans.id, domains.planId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One domain in the caller's scope, with its plan, owner, account count and allocated storage; its id is scoped. */
export async function getDomainRow({ ex, scope, id, forUpdate = false }: { ex: Executor; scope: DomainScope; id: number; forUpdate?: boolean }) {
  const query = ex
    .select({
      domain: domains,
      plan: plans,
      ownerEmail: admins.email,
      accounts: accountsCol,
      allocated: allocatedCol,
    })
    .from(domains)
    .innerJoin(plans, eq(plans.id, domains.planId))
    .innerJoin(admins, eq(admins.id, domains.adminId))
    .leftJoin(mailboxCounts, eq(mailboxCounts.domainId, domains.id))
    .where(and(eq(domains.id, id), scope))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: domains }) : query);
  return row ? { ...row, domain: { ...row.domain, id: scopedId(scope, 'domain', row.domain.id) } } : undefined;
}

export async function insertDomain({
  ex,
  name,
  adminId,
  planId,
  services,
}: {
  ex: Executor;
  name: string;
  adminId: number;
  planId: number;
  services: Record<Service, boolean>;
}) {
  const [row] = await ex
    .insert(domains)
    .values({ name, adminId, planId, ...services })
    .onConflictDoNothing({ target: domains.name })
    .returning({ id: domains.id, name: domains.name });
  return row;
}

export async function updateDomainIfVersion({
  ex,
  id,
  version,
  values,
}: {
  ex: Executor;
  /** Read under the caller's scope first (getDomainRow). */
  id: ScopedId<'domain'>;
  version: number;
  values: Partial<typeof domains.$inferInsert>;
}) {
  const [row] = await ex
    .update(domains)
    .set({ ...values, version: sql`${domains.version} + 1`, updatedAt: new Date() })
    .where(and(eq(domains.id, id), eq(domains.version, version)))
    .returning({ id: domains.id, version: domains.version });
  return row;
}

export async function deleteDomainById({ ex, id }: { ex: Executor; id: ScopedId<'domain'> }) {
  const [row] = await ex.delete(domains).where(eq(domains.id, id)).returning({ id: domains.id });
  return row;
}

/**
 * A domain's figures at a glance (its home page): messages sent since `since` (the policy service's
 * 5-minute buckets), accounts using 90% or more of their storage, and failed mail-server jobs. The id
 * comes from a scoped read (getDomainRow), so the caller may see this domain.
 */
export async function getDomainGlanceRow({ ex, domainId, since }: { ex: Executor; domainId: ScopedId<'domain'>; since: Date }) {
  const [row] = await ex
    .select({
      // The domain part of the sending address, through mailbox_sent_domain_bucket_idx: today's buckets of
      // this domain only, not a join with each of its accounts.
      sentSince: sql<string>`(select coalesce(sum(s.messages), 0)::bigint from ${mailboxSent} s
        where split_part(s.address, '@', 2) = ${domains.name} and s.bucket >= ${since.toISOString()}::timestamptz)`,
      // The list's "over 90% of storage" filter, on its partial index (an index-only count).
      nearlyFull: sql<number>`(select count(*)::int from ${mailboxes} m where m.domain_id = ${domainId} and m.used_bytes * 10 >= m.quota_bytes * 9)`,
      failedJobs: sql<number>`(select count(*)::int from ${mailJobs} j where j.domain_id = ${domainId} and j.state = 'failed')`,
    })
    .from(domains)
    .where(eq(domains.id, domainId));
  return row ? { sentSince: Number(row.sentSince), nearlyFull: row.nearlyFull, failedJobs: row.failedJobs } : undefined;
}
