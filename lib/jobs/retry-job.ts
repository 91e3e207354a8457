import 'server-only';
import { getDb } from '@/db';
import { retryFailedJob } from '@/db/queries/mail-jobs';
import { fail, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/failure';
import { wakeWorker } from './enqueue';
import { jobScope } from './list-jobs';

/**
 * A failed job runs again now, with a fresh count of attempts. Only a failed job the caller may see (its
 * domains; the superadmin any): anything else is "not found". The retry is audited with the last error.
 */
export async function retryJob({ caller, ip, id }: { caller: Caller; ip: string | null; id: unknown }): Promise<ActionResult<{ id: number }>> {
  assertCan(caller, 'jobs:retry');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw notFound();
  const result = await getDb().transaction(async (tx) => {
    const job = await retryFailedJob({ ex: tx, scope: jobScope(caller), id });
    // Not failed (e.g. retried already), not the caller's, or no such job: all look the same.
    if (!job) return fail(notFound());
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'mailJob.retry',
      targetType: 'mailJob',
      targetId: job.id,
      targetLabel: `${job.kind} ${job.address}`,
      domain: job.domainName ? { id: job.domainId, name: job.domainName } : null,
      details: { kind: job.kind, lastError: job.lastError },
    });
    return ok({ id: job.id });
  });
  if (result.ok) wakeWorker();
  return result;
}
