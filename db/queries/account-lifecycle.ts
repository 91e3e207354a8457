import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxChange } from '@/db/columns';
import { scopedId, type DomainScope, type ScopedId } from '@/db/scope';
import { domains, mailboxes, mailboxUsage } from '@/db/schema';

// Deactivating, reactivating and deleting an email account. Every read joins the account's domain and
// takes the caller's domain scope, so an account out of reach is simply not there.

/**
 * One mailbox with what its lifecycle decisions need (the postmaster's permissions on its domain).
 * `forUpdate`: lock the mailbox row, so a settings save or another toggle / delete waits for this one.
 */
export async function getAccountLifecycleRow({ ex, scope, id, forUpdate = false }: { ex: Executor; scope: DomainScope; id: number; forUpdate?: boolean }) {
  const query = ex
    .select({
      mailbox: {
        id: mailboxes.id,
        address: mailboxes.address,
        isPostmaster: mailboxes.isPostmaster,
        active: mailboxes.active,
        version: mailboxes.version,
        quotaBytes: mailboxes.quotaBytes,
      },
      domain: {
        id: domains.id,
        name: domains.name,
        pmCanToggle: domains.pmCanToggle,
        pmCanDelete: domains.pmCanDelete,
      },
      usedBytes: sql<number>`coalesce(${mailboxUsage.storageBytes}, 0)`.mapWith(Number),
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .leftJoin(mailboxUsage, eq(mailboxUsage.address, mailboxes.address))
    .where(and(eq(mailboxes.id, id), scope))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: mailboxes }) : query);
  return row && { ...row, mailbox: { ...row.mailbox, id: scopedId(scope, 'mailbox', row.mailbox.id) } };
}

export type AccountLifecycleRow = NonNullable<Awaited<ReturnType<typeof getAccountLifecycleRow>>>;

/**
 * Switches an ordinary account (never the postmaster mailbox) on or off, bumping its version; switching
 * it off also bumps its session version in the same statement, so its sessions end at once.
 * Nothing happens (undefined) when someone else saved since `version` was read.
 */
export async function setAccountActiveIfVersion({ ex, id, version, active }: { ex: Executor; id: ScopedId<'mailbox'>; version: number; active: boolean }) {
  const [row] = await ex
    .update(mailboxes)
    .set(mailboxChange({ active }, { endSessions: !active }))
    .where(and(eq(mailboxes.id, id), eq(mailboxes.version, version), eq(mailboxes.isPostmaster, false)))
    .returning({ id: mailboxes.id, active: mailboxes.active, version: mailboxes.version, sessionVersion: mailboxes.sessionVersion });
  return row;
}

/**
 * Deletes an ordinary account (never the postmaster mailbox). Its settings, forwards, usage, last
 * logins, sent counters, password history, autoresponder, webmail preferences, app passwords and
 * one-time tokens go with it through the schema's ON DELETE CASCADE; audit rows and mail jobs keep
 * their labels / addresses (their references are set null).
 */
export async function deleteAccountById({ ex, id }: { ex: Executor; id: ScopedId<'mailbox'> }) {
  const [row] = await ex
    .delete(mailboxes)
    .where(and(eq(mailboxes.id, id), eq(mailboxes.isPostmaster, false)))
    .returning({ id: mailboxes.id, address: mailboxes.address });
  return row;
}
