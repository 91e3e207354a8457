import 'server-only';
import { getDb } from '@/db';
import { listLiveAppPasswords, lockMailboxForAppPasswords } from '@/db/queries/app-passwords';
import type { ActionResult } from '@/lib/action-result';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/failure';
import { loadMailbox } from '@/lib/mailboxes/settings/access';
import { APP_PASSWORD_MAX } from './limits';
import { createAppPassword, revokeIn, type CreatedAppPassword } from './own';

// Those who manage an account (its domain's admins and the superadmin; the domain's postmaster for the
// ordinary accounts) see its app passwords on the account's page and may revoke them — a lost phone —
// and create one: an account with two-step sign-in and Webmail off cannot sign in to the panel to make
// its own, and mail programs take only app passwords. The secret is shown once, to its creator, who
// hands it over. Who may manage which mailbox is exactly what the settings page allows (loadMailbox);
// anything else is not found.

export async function listAccountAppPasswords({ caller, id }: { caller: Caller; id: number }) {
  const row = await loadMailbox({ ex: getDb(), caller, id });
  return { address: row.mailbox.address, rows: await listLiveAppPasswords({ ex: getDb(), mailboxId: row.mailbox.id }), max: APP_PASSWORD_MAX };
}

export async function createAccountAppPassword({ caller, ip, mailboxId, input }: { caller: Caller; ip: string | null; mailboxId: unknown; input: unknown }): Promise<ActionResult<CreatedAppPassword>> {
  if (typeof mailboxId !== 'number') throw notFound();
  return createAppPassword({
    caller,
    ip,
    input,
    lock: async (tx) => {
      const { mailbox, domain } = await loadMailbox({ ex: tx, caller, id: mailboxId });
      const locked = await lockMailboxForAppPasswords({ ex: tx, mailboxId: mailbox.id, domainId: domain.id });
      if (!locked) throw notFound();
      return locked;
    },
  });
}

export async function revokeAccountAppPassword({ caller, ip, mailboxId, id }: { caller: Caller; ip: string | null; mailboxId: unknown; id: unknown }): Promise<ActionResult<{ name: string }>> {
  if (typeof mailboxId !== 'number') throw notFound();
  return getDb().transaction(async (tx) => {
    const { mailbox, domain } = await loadMailbox({ ex: tx, caller, id: mailboxId });
    const locked = await lockMailboxForAppPasswords({ ex: tx, mailboxId: mailbox.id, domainId: domain.id });
    if (!locked) throw notFound();
    return revokeIn(tx, { caller, ip, mailbox: locked, id });
  });
}
