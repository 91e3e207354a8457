import 'server-only';
import { getDb, type Executor } from '@/db';
import { listAliasDomainsOf } from '@/db/queries/alias-domains';
import { listDkimKeys } from '@/db/queries/dkim-keys';
import { getDnsCheck, saveDnsCheck } from '@/db/queries/dns-checks';
import type { DnsCheckStatus } from '@/db/schema';
import { ok, type ActionResult } from '@/lib/action-result';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { scopedDomain } from '@/lib/domains/lock-domain';
import { compareRecord, type RecordCheck } from './compare';
import { dnsConfigFromEnv } from './dns-config';
import { expectedRecords, type ExpectedRecord } from './records';
import { lookup, resolverFromEnv } from './resolve';

export type DnsCheckResult = { status: DnsCheckStatus; checkedAt: Date; results: RecordCheck[] };

/**
 * The domain's records, then each alias domain's (issue 17): its mail comes to the same host, and the
 * signer signs its mail with the domain's keys (lib/dkim/render-keys.ts), so it publishes the same DKIM
 * records. No autoconfig/autodiscover for an alias domain: no one signs in with its addresses.
 */
async function recordsOf(ex: Executor, domain: { id: number; name: string }) {
  const keys = await listDkimKeys({ ex, domainId: domain.id });
  const config = dnsConfigFromEnv();
  const aliases = await listAliasDomainsOf({ ex, domainId: domain.id });
  return {
    keys,
    records: expectedRecords(domain.name, config, keys),
    aliasDomains: aliases.map((alias) => ({ name: alias.name, records: expectedRecords(alias.name, config, keys).filter((r) => r.kind !== 'autoconfig' && r.kind !== 'autodiscover') })),
  };
}

/** Looks every record up (in parallel), compares, and stores the outcome as the domain's last check. */
export async function runDnsCheck({ ex = getDb(), domain, now = new Date() }: { ex?: Executor; domain: { id: number; name: string }; now?: Date }): Promise<DnsCheckResult> {
  const config = dnsConfigFromEnv();
  const resolver = resolverFromEnv();
  const expected = await recordsOf(ex, domain);
  const records: ExpectedRecord[] = [...expected.records, ...expected.aliasDomains.flatMap((a) => a.records)];
  const results = await Promise.all(records.map(async (record) => compareRecord(record, await lookup(resolver, record), config)));
  const status: DnsCheckStatus = results.every((r) => r.status === 'ok') ? 'ok' : 'problems';
  await saveDnsCheck({ ex, domainId: domain.id, status, results, checkedAt: now });
  return { status, checkedAt: now, results };
}

/** The check, on demand (the DNS page's button). */
export async function checkDomainDns({ caller, id }: { caller: Caller; ip?: string | null; id: number }): Promise<ActionResult<{ status: DnsCheckStatus }>> {
  assertCan(caller, 'domains:update');
  const domain = await scopedDomain(caller, id);
  const { status } = await runDnsCheck({ domain });
  return ok({ status });
}

/** What the DNS page shows: the records to publish, the domain's DKIM keys and the last check. */
export async function getDomainDns({ caller, id }: { caller: Caller; id: number }) {
  assertCan(caller, 'domains:read');
  const domain = await scopedDomain(caller, id);
  const { keys, records, aliasDomains } = await recordsOf(getDb(), domain);
  const last = await getDnsCheck({ ex: getDb(), domainId: domain.id });
  return {
    domain: { id: domain.id, name: domain.name, version: domain.version },
    records,
    aliasDomains,
    keys: keys.map(({ id: keyId, selector, algorithm, state, createdAt, activatedAt, retireAfter }) => ({ id: keyId, selector, algorithm, state, createdAt, activatedAt, retireAfter })),
    lastCheck: last ? { status: last.status, checkedAt: last.checkedAt, results: last.results as RecordCheck[] } : null,
  };
}
