import 'server-only';
import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { ListPageArgs } from '@/db';
import { domains, mailboxes, mailboxUsage } from '@/db/schema';

export const POSTMASTER_SORTS = ['domain', 'address', 'status', 'storage'] as const;
export type PostmasterSort = (typeof POSTMASTER_SORTS)[number];

export async function listPostmasterRows({ ex, scope, search, sort, dir, limit, offset }: ListPageArgs<PostmasterSort>) {
  const where = and(eq(mailboxes.isPostmaster, true), scope, search ? or(ilike(mailboxes.address, search), ilike(domains.name, search)) : undefined);
  const used = sql<number>`coalesce(${mailboxUsage.storageBytes}, 0)`;
  const active = sql<boolean>`(${mailboxes.active} and ${domains.active})`;
  const order = dir === 'asc' ? asc : desc;
  const sortColumn = { domain: domains.name, address: mailboxes.address, status: active, storage: used }[sort];
  const [rows, [total]] = await Promise.all([
    ex
      .select({
        id: mailboxes.id,
        address: mailboxes.address,
        domainId: domains.id,
        domainName: domains.name,
        active,
        quotaBytes: mailboxes.quotaBytes,
        usedBytes: used,
      })
      .from(mailboxes)
      .innerJoin(domains, eq(domains.id, mailboxes.domainId))
      .leftJoin(mailboxUsage, eq(mailboxUsage.address, mailboxes.address))
      .where(where)
      .orderBy(order(sortColumn), asc(mailboxes.id))
      .limit(limit)
      .offset(offset),
    ex.select({ n: count() }).from(mailboxes).innerJoin(domains, eq(domains.id, mailboxes.domainId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, usedBytes: Number(r.usedBytes) })), total: total?.n ?? 0 };
}
