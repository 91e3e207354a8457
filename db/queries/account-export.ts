import 'server-only';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxPolicyColumns, serviceColumns } from '@/db/columns';
import { domains, mailboxes } from '@/db/schema';

// The account export reads keyset pages (never OFFSET, never the whole table): the caller's domains by
// name, and each domain's mailboxes by address over the (domain_id, address, id) index. Both take the
// caller's domain scope in their WHERE.

/** A page of the caller's domains by name, after `afterName`; `id` narrows to one. */
export async function listExportDomains({
  ex,
  scope,
  id,
  afterName,
  limit,
}: {
  ex: Executor;
  scope: SQL;
  id?: number;
  afterName?: string;
  limit: number;
}) {
  return ex
    .select({
      id: domains.id,
      name: domains.name,
      active: domains.active,
      // Moves the "sent in the last 24 hours" window up to now, as the list does, so sent_24h is exact.
      decayed: sql<number>`(select mailbox_sent_decay())`,
    })
    .from(domains)
    .where(and(scope, id === undefined ? undefined : eq(domains.id, id), afterName === undefined ? undefined : gt(domains.name, afterName)))
    .orderBy(asc(domains.name))
    .limit(limit);
}

/** A page of one domain's mailboxes by address, after `afterAddress`, with every column the export writes. */
export async function listExportMailboxes({
  ex,
  scope,
  domainId,
  afterAddress,
  limit,
}: {
  ex: Executor;
  scope: SQL;
  domainId: number;
  afterAddress?: string;
  limit: number;
}) {
  return ex
    .select({
      address: mailboxes.address,
      localPart: mailboxes.localPart,
      isPostmaster: mailboxes.isPostmaster,
      active: mailboxes.active,
      openJobs: mailboxes.openJobs,
      usedBytes: mailboxes.usedBytes,
      quotaBytes: mailboxes.quotaBytes,
      lastAccessAt: mailboxes.lastAccessAt,
      sent24h: mailboxes.sent24h,
      firstName: mailboxes.firstName,
      lastName: mailboxes.lastName,
      description: mailboxes.description,
      ...serviceColumns(mailboxes),
      ...mailboxPolicyColumns,
      allowedIps: mailboxes.allowedIps,
      apiAccess: mailboxes.apiAccess,
      forwards: mailboxes.forwards,
      forwardKeepCopy: mailboxes.forwardKeepCopy,
      spamToInbox: mailboxes.spamToInbox,
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(and(eq(mailboxes.domainId, domainId), scope, afterAddress === undefined ? undefined : gt(mailboxes.address, afterAddress)))
    .orderBy(asc(mailboxes.address))
    .limit(limit);
}

export type ExportMailboxRow = Awaited<ReturnType<typeof listExportMailboxes>>[number];
