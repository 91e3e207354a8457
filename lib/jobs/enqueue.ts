import 'server-only';
import type { Executor } from '@/db';
import { processSlot } from '@/db/process-global';
import { insertMailJobs, type NewMailJob } from '@/db/queries/mail-jobs';

// Work for the mail host, written in the same transaction as the change that needs it: if the change
// rolls back, so does the job. The account reads "Updating" until its jobs are done (migration 0004/0007).

type Account = { id: number; address: string; domainId: number };

// Process-wide (db/process-global.ts): the worker starts in server.ts, jobs are queued from Next's bundles.
const wakeSlot = processSlot<() => void>('jobsWake');

/** Lets an in-process worker (lib/jobs/worker.ts) hear of new jobs without waiting for its next poll. */
export function onJobsQueued(wake: (() => void) | undefined): void {
  wakeSlot.set(wake);
}

/** Tells an in-process worker to look now. */
export function wakeWorker(): void {
  wakeSlot.get()?.();
}

export async function queueMailJobs(ex: Executor, jobs: NewMailJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await insertMailJobs({ ex, jobs });
  // Early is harmless: a worker that looks before the commit finds nothing and is woken again by the
  // NOTIFY at commit (PostgreSQL), or waits for the transaction (the embedded database runs one at a time).
  wakeWorker();
}

/** End the account's open IMAP/POP3 sessions (deactivated, new password, OTP reset, services or IPs narrowed). */
export function kickJob(account: Account): NewMailJob {
  return { kind: 'kick', address: account.address, mailboxId: account.id, domainId: account.domainId };
}

/** Recompute the account's usage on the mail host (after its storage limit changed). */
export function recalcQuotaJob(account: Account): NewMailJob {
  return { kind: 'recalc-quota', address: account.address, mailboxId: account.id, domainId: account.domainId };
}

/** Remove a deleted account's mail; kept by address (the account is gone), visible to its domain's admins. */
export function deleteMailJob(account: { address: string; domainId: number }): NewMailJob {
  return { kind: 'delete-mail', address: account.address, mailboxId: null, domainId: account.domainId };
}

/** End every session in a deactivated domain. */
export function kickDomainJob(domain: { id: number; name: string }): NewMailJob {
  return { kind: 'kick-domain', address: domain.name, mailboxId: null, domainId: domain.id };
}

/** Remove a deleted domain's mail (queued after the domain row is gone: only the superadmin sees it). */
export function deleteDomainMailJob(domain: { name: string }): NewMailJob {
  return { kind: 'delete-domain-mail', address: domain.name, mailboxId: null, domainId: null };
}

/** Check the domain's published DNS records (lib/dns/check-domain-dns.ts); needs no mail host. */
export function dnsCheckJob(domain: { id: number; name: string }): NewMailJob {
  return { kind: 'dns-check', address: domain.name, mailboxId: null, domainId: domain.id };
}

/** Render the signer's DKIM key files again (lib/dkim/render-keys.ts): a key became active or retired. */
export function dkimSyncJob(domain: { id: number; name: string }): NewMailJob {
  return { kind: 'dkim-sync', address: domain.name, mailboxId: null, domainId: domain.id };
}
