import 'server-only';
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { getDb } from '@/db';
import { deleteAccountById } from '@/db/queries/account-lifecycle';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain } from '@/lib/auth/permissions';
import { displayAddress } from '@/lib/domains/display-name';
import { forbidden, notFound } from '@/lib/failure';
import { deleteMailJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { loadAccount } from './access';

export const deleteAccountSchema = z.object(
  {
    confirmAddress: z
      .string({ error: 'accounts.errors.confirmMismatch' })
      .trim()
      .min(1, { error: 'accounts.errors.confirmMismatch' })
      .max(400, { error: 'accounts.errors.confirmMismatch' }),
  },
  { error: 'validation.invalid' },
);

/** The typed confirmation names the account: its ASCII or Unicode form, in any case, a final dot allowed. */
export function typedAddressMatches(typed: string, address: string): boolean {
  const value = typed.trim().normalize('NFC').toLowerCase().replace(/\.$/, '');
  if (value === address || value === displayAddress(address).toLowerCase()) return true;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const ascii = domainToASCII(value.slice(at + 1));
  return ascii !== '' && `${value.slice(0, at)}@${ascii}` === address;
}

export type DeleteAccountResult = ActionResult<{ address: string; domainId: number }>;

/**
 * Irreversible: the account with all its settings, forwards, usage and history (the schema's cascades);
 * its storage returns to the domain (it is no longer counted). A `delete-mail` job, kept by address,
 * has the mail host remove the mail itself (and end its sessions). The caller must type the account's
 * address. A postmaster mailbox is never deleted this way (not found): it goes with its domain.
 */
export async function deleteAccount({
  caller,
  ip,
  id,
  input,
}: {
  caller: Caller;
  ip: string | null;
  id: number;
  input: unknown;
}): Promise<DeleteAccountResult> {
  assertCan(caller, 'accounts:delete');
  const parsed = deleteAccountSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return getDb().transaction(async (tx) => {
    const row = await loadAccount({ ex: tx, caller, id, forUpdate: true });
    if (!canOnDomain(caller, 'accounts:delete', row.domain)) return fail(forbidden('accounts.errors.deleteNotAllowed'));
    const { mailbox, domain } = row;
    if (!typedAddressMatches(parsed.data.confirmAddress, mailbox.address)) {
      return fieldError('confirmAddress', 'accounts.errors.confirmMismatch');
    }
    const deleted = await deleteAccountById({ ex: tx, id: mailbox.id });
    if (!deleted) return fail(notFound());
    await queueMailJobs(tx, [deleteMailJob({ address: mailbox.address, domainId: domain.id })]);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'account.delete',
      ...mailboxTarget(mailbox, domain),
      details: { active: mailbox.active, quotaBytes: mailbox.quotaBytes, usedBytes: row.usedBytes },
    });
    return ok({ address: mailbox.address, domainId: domain.id });
  });
}
