import 'server-only';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { domainDnsChecks, domains, mailJobs, type DnsCheckStatus } from '@/db/schema';

// The last live DNS check of each domain (db/schema/dns.ts).

export async function saveDnsCheck({ ex, domainId, status, results, checkedAt }: { ex: Executor; domainId: number; status: DnsCheckStatus; results: unknown[]; checkedAt: Date }) {
  await ex
    .insert(domainDnsChecks)
    .values({ domainId, status, results, checkedAt })
    .onConflictDoUpdate({ target: domainDnsChecks.domainId, set: { status, results, checkedAt } });
}

export async function getDnsCheck({ ex, domainId }: { ex: Executor; domainId: number }) {
  const [row] = await ex
    .select({ status: domainDnsChecks.status, results: domainDnsChecks.results, checkedAt: domainDnsChecks.checkedAt })
    .from(domainDnsChecks)
    .where(eq(domainDnsChecks.domainId, domainId));
  return row;
}

/** A domain by name, for the worker's jobs (which carry the name). */
export async function domainByName({ ex, name }: { ex: Executor; name: string }) {
  const [row] = await ex.select({ id: domains.id, name: domains.name }).from(domains).where(eq(domains.name, name));
  return row;
}

/**
 * Domains whose last check is older than `olderThanMs` (or that were never checked) and have no
 * dns-check job open: the worker's daily round queues one for each.
 */
export async function domainsDueForDnsCheck({ ex, olderThanMs, limit }: { ex: Executor; olderThanMs: number; limit: number }) {
  return ex
    .select({ id: domains.id, name: domains.name })
    .from(domains)
    .leftJoin(domainDnsChecks, eq(domainDnsChecks.domainId, domains.id))
    .where(
      and(
        eq(domains.active, true),
        or(isNull(domainDnsChecks.checkedAt), lt(domainDnsChecks.checkedAt, sql`now() - ${olderThanMs} * interval '1 millisecond'`)),
        sql`not exists (select 1 from ${mailJobs} j where j.domain_id = ${domains.id} and j.kind = 'dns-check' and j.state in ('pending', 'running'))`,
      ),
    )
    .orderBy(asc(domains.id))
    .limit(limit);
}
