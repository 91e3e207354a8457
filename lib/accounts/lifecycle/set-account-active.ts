import 'server-only';
import { getDb } from '@/db';
import { setAccountActiveIfVersion } from '@/db/queries/account-lifecycle';
import { fail, ok, type ActionResult } from '@/lib/action-result';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain } from '@/lib/auth/permissions';
import { conflict, forbidden, notFound } from '@/lib/failure';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { loadAccount } from './access';

export type SetAccountActiveResult = ActionResult<{ active: boolean; version: number }>;

/**
 * Deactivates (Offline) or reactivates (Online) an email account. Deactivating ends the account's
 * panel sessions at once (its session version moves on in the same UPDATE) and queues a `kick` job so
 * the mail host closes its open IMAP/POP connections. An Offline account's settings cannot be changed
 * (the settings sections refuse it). Asking for the state the account is already in changes nothing.
 */
export async function setAccountActive({
  caller,
  ip,
  id,
  active,
}: {
  caller: Caller;
  ip: string | null;
  id: number;
  active: boolean;
}): Promise<SetAccountActiveResult> {
  assertCan(caller, 'accounts:toggle');
  // The arguments come from the browser: check them even though they are typed.
  if (typeof active !== 'boolean') throw notFound();
  return getDb().transaction(async (tx) => {
    const row = await loadAccount({ ex: tx, caller, id, forUpdate: true });
    if (!canOnDomain(caller, 'accounts:toggle', row.domain)) return fail(forbidden('accounts.errors.toggleNotAllowed'));
    const { mailbox, domain } = row;
    if (mailbox.active === active) return ok({ active, version: mailbox.version });

    const updated = await setAccountActiveIfVersion({ ex: tx, id: mailbox.id, version: mailbox.version, active });
    // The row is locked: this only happens if it changed between the read and the lock.
    if (!updated) throw conflict();
    if (!active) await queueMailJobs(tx, [kickJob({ id: mailbox.id, address: mailbox.address, domainId: domain.id })]);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: active ? 'account.reactivate' : 'account.deactivate',
      ...mailboxTarget(mailbox, domain),
      details: { before: { active: mailbox.active }, after: { active } },
    });
    return ok({ active: updated.active, version: updated.version });
  });
}
