import 'server-only';
import { getDb } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/failure';
import { loadMailbox } from '@/lib/mailboxes/settings/access';

/**
 * /accounts/{id} names an email account and /postmasters/{id} a postmaster mailbox: the other kind is
 * not there (as in the panel, where each has its own page). Whether the caller may reach the mailbox
 * at all is the data-access layer's answer (loadMailbox: a notFound failure).
 */
export async function assertMailboxKind(caller: Caller, id: number, kind: 'account' | 'postmaster'): Promise<void> {
  const row = await loadMailbox({ ex: getDb(), caller, id });
  if (row.mailbox.isPostmaster !== (kind === 'postmaster')) throw notFound();
}
