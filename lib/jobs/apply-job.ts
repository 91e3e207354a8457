import type { ClaimedJob } from '@/db/queries/mail-jobs';
import type { MailHost, QuotaUsage } from './mail-host';

/** Where the worker keeps what a job learnt: the storage figure a recalculation found. */
export type JobRecords = { saveUsage(address: string, usage: QuotaUsage): Promise<void> };

/**
 * Does one job on the mail host. Returns the job's note (a code the jobs page translates), or null when
 * there is nothing to add; throws when the host failed (the worker retries). Without a mail host the
 * job completes at once, noted as such: there is nothing to apply it to.
 */
export async function applyJob(job: Pick<ClaimedJob, 'kind' | 'address'>, host: MailHost | null, records: JobRecords): Promise<string | null> {
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
