import 'server-only';
import type { Executor } from '@/db';
import { deleteRetiredDkimKeys } from '@/db/queries/dkim-keys';
import { domainsDueForDnsCheck } from '@/db/queries/dns-checks';
import { dkimSyncJob, dnsCheckJob, queueMailJobs } from './enqueue';

/** A domain's records are checked again when its last check is a day old. */
export const DNS_CHECK_EVERY_MS = 24 * 3_600_000;

/**
 * The worker's hourly round for DNS (lib/jobs/worker.ts): a dns-check job for each domain due one, and
 * the removal of DKIM keys whose grace period is over (then their domains' key files are rendered again).
 */
export async function runScheduledDnsWork({ ex, now = new Date(), limit = 500 }: { ex: Executor; now?: Date; limit?: number }) {
  const due = await domainsDueForDnsCheck({ ex, olderThanMs: DNS_CHECK_EVERY_MS, limit });
  const retired = await deleteRetiredDkimKeys({ ex, now });
  await queueMailJobs(ex, [...due.map(dnsCheckJob), ...retired.map(dkimSyncJob)]);
  return { checks: due.length, retiredDomains: retired.length };
}
