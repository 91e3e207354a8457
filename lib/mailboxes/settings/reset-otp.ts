import 'server-only';
import { getDb } from '@/db';
import { clearOtp } from '@/db/queries/otp';
import { fail, ok, type ActionResult } from '@/lib/action-result';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { notFound, refused } from '@/lib/failure';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { loadMailbox } from './access';

/**
 * An admin (or the postmaster, for an account of its domain) resets an account's OTP — the phone was
 * lost. The secret is gone and the session version moves on: every session of the account ends at
 * once, on the mail host too (a `kick` job). If the policy still requires OTP, the account enrols again
 * at its next sign-in.
 */
export async function resetMailboxOtp({ caller, ip, id }: { caller: Caller; ip: string | null; id: number }): Promise<ActionResult<{ version: number }>> {
  return getDb().transaction(async (tx) => {
    const row = await loadMailbox({ ex: tx, caller, id });
    if (!row.mailbox.active) return fail(refused('mailboxSettings.errors.inactive'));
    const sessionVersion = await clearOtp({ ex: tx, owner: { kind: 'mailbox', id: row.mailbox.id } });
    if (sessionVersion === null) return fail(notFound());
    await queueMailJobs(tx, [kickJob({ id: row.mailbox.id, address: row.mailbox.address, domainId: row.domain.id })]);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'mailbox.otp.reset',
      ...mailboxTarget(row.mailbox, row.domain),
      details: { wasEnrolled: row.mailbox.otpEnrolled },
    });
    return ok({ version: row.mailbox.version + 1 });
  });
}
