import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { aliases, aliasSendAs, aliasTargets, mailboxes } from '@/db/schema';

// The aliases' CSV export (issue 17, point 8) reads keyset pages by address over the (domain_id, address,
// id) index, never OFFSET; the domain was read under the caller's scope first (lib/aliases/access.ts).

/** A page of one domain's aliases by address, after `afterAddress`, each with its targets and send-as accounts in address order. */
export async function listExportAliases({ ex, domainId, afterAddress, limit }: { ex: Executor; domainId: number; afterAddress?: string; limit: number }) {
  return ex
    .select({
      address: aliases.address,
      localPart: aliases.localPart,
      description: aliases.description,
      active: aliases.active,
      senders: aliases.senders,
      // Written with the tables' own names: this query reads one table, so drizzle leaves its columns
      // unqualified, and "id" inside the subquery would be the mailbox's.
      sendAs: sql<string[]>`coalesce((select array_agg(m.address order by m.address) from ${aliasSendAs} g join ${mailboxes} m on m.id = g.mailbox_id where g.alias_id = "aliases"."id"), '{}'::text[])`,
      targets: sql<string[]>`coalesce((select array_agg(${aliasTargets.address} order by ${aliasTargets.address}) from ${aliasTargets} where ${aliasTargets.aliasId} = ${aliases.id}), '{}'::text[])`,
    })
    .from(aliases)
    .where(and(eq(aliases.domainId, domainId), afterAddress === undefined ? undefined : gt(aliases.address, afterAddress)))
    .orderBy(asc(aliases.address))
    .limit(limit);
}
