import type { ClaimedJob } from '@/db/queries/mail-jobs';
import type { MailHost, QuotaUsage } from './mail-host';

/**
 * Where the worker keeps what a job learnt (the storage figure a recalculation found), and the panel's
 * own jobs that need the database rather than the mail host: a domain's DNS check, the DKIM key files.
 */
export type JobRecords = {
  saveUsage(address: string, usage: QuotaUsage): Promise<void>;
  checkDns(domain: string): Promise<string | null>;
  syncDkim(): Promise<string | null>;
};

/**
 * Does one job on the mail host. Returns the job's note (a code the jobs page translates), or null when
 * there is nothing to add; throws when the host failed (the worker retries). Without a mail host the
 * job completes at once, noted as such: there is nothing to apply it to.
 */
export async function applyJob(job: Pick<ClaimedJob, 'kind' | 'address'>, host: MailHost | null, records: JobRecords): Promise<string | null> {
  if (job.kind === 'dns-check') return records.checkDns(job.address);
  if (job.kind === 'dkim-sync') return records.syncDkim();
  if (!host) return 'noMailHost';
  switch (job.kind) {
    case 'kick':
      return (await host.kick(job.address)) === 'none' ? 'nobodyConnected' : null;
    case 'kick-domain':
      return (await host.kick(`*@${job.address}`)) === 'none' ? 'nobodyConnected' : null;
    case 'recalc-quota': {
      const usage = await host.recalcQuota(job.address);
      if (usage === 'noUser') return 'accountGone';
      await records.saveUsage(job.address, usage);
      return null;
    }
    case 'delete-mail':
      return (await host.removeMail(job.address)) === 'absent' ? 'nothingToRemove' : null;
    case 'delete-domain-mail': {
      const removed = await host.removeDomainMail(job.address);
      return removed === 0 ? 'nothingToRemove' : `removed:${removed}`;
    }
    default:
      throw new Error(`Unknown job kind: ${String((job as { kind: unknown }).kind)}`);
  }
}
