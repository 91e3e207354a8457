import 'server-only';
import type { Executor } from '@/db';
import type { ScopedId } from '@/db/scope';
import { aliasAddressesAmong } from '@/db/queries/aliases';
import { addressesAwaitingMailRemoval } from '@/db/queries/mail-jobs';
import { insertMailboxes, type NewMailbox } from '@/db/queries/mailboxes';
import { lockDomainForStorage } from '@/db/queries/mailbox-settings';
import { getPlanById } from '@/db/queries/plans';
import { type AuditEntry, mailboxTarget, writeAudits } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/failure';
import { SERVICES } from '@/lib/mail/services';
import type { AccountWizardValues } from '@/lib/validations/account-wizard';
import { loadWizardDomain, type WizardDomain } from './access';

// What creating accounts writes, shared by the wizard's "Create" (one account) and the CSV import (many):
// the same locks, the same mailbox and webmail rows, the same audit rows. The callers validate first.

/** One new account: the wizard's four sections, the password only as its hash. */
export type NewAccount = AccountWizardValues;

export type CreatedAccount = { id: number; address: string };

/** Rows per INSERT: well inside Postgres' 65,535 parameters at ~35 columns a mailbox. */
const CHUNK = 500;

/**
 * The domain (already found in the caller's scope) locked as for any storage decision, so that creators
 * racing for the last account or the last gigabyte take turns, and read again under the lock (the account
 * count and allocated storage are then exact), with its plan held FOR SHARE (it cannot be narrowed meanwhile).
 */
export async function lockDomainForCreation({ tx, caller, domainId }: { tx: Executor; caller: Caller; domainId: ScopedId<'domain'> }): Promise<WizardDomain> {
  await lockDomainForStorage({ ex: tx, domainId });
  const row = await loadWizardDomain({ ex: tx, caller, domainId });
  const plan = await getPlanById({ ex: tx, id: row.domain.planId, lock: 'share' });
  if (!plan) throw notFound();
  row.plan = { ...row.plan, ...plan };
  return row;
}

function mailboxOf(values: NewAccount, row: WizardDomain, caller: Caller): NewMailbox {
  const { account, services, security, options } = values;
  return {
    domainId: row.domain.id,
    localPart: account.localPart,
    address: `${account.localPart}@${row.domain.name}`,
    passwordHash: account.passwordHash,
    passwordChangedAt: new Date(),
    quotaBytes: services.quotaBytes,
    dailySendLimit: row.plan.defaultDailySendLimit,
    ...services.services,
    firstName: account.firstName,
    lastName: account.lastName,
    description: account.description,
    // The panel starts in its creator's language and time zone; the account may change them.
    language: caller.language,
    timeZone: caller.timeZone,
    ...security,
    ...options,
  };
}

function auditOf(values: NewAccount, created: CreatedAccount, row: WizardDomain, caller: Caller, ip: string | null, extra: Record<string, unknown>): AuditEntry {
  const { account, services, security, options } = values;
  return {
    actor: caller,
    ip,
    action: 'account.create',
    ...mailboxTarget(created, row.domain),
    // Never the password or its hash.
    details: {
      firstName: account.firstName,
      lastName: account.lastName,
      description: account.description,
      passwordGenerated: account.passwordGenerated,
      quotaBytes: services.quotaBytes,
      dailySendLimit: row.plan.defaultDailySendLimit,
      services: SERVICES.filter((s) => services.services[s]),
      ...security,
      ...options,
      ...extra,
    },
  };
}

/**
 * Writes the accounts (mailbox, webmail row, audit row each) inside the caller's transaction, which holds
 * the domain from lockDomainForCreation. An address taken meanwhile (or whose earlier owner's mail is
 * still being removed from the mail host) is not written and comes back in
 * `taken` (its index in `accounts`); the caller then refuses, and must roll back whatever was written.
 * `audit` is added to every audit row's details (e.g. that the account came from an import).
 */
export async function insertAccounts({
  tx,
  caller,
  ip,
  row,
  accounts,
  audit = {},
}: {
  tx: Executor;
  caller: Caller;
  ip: string | null;
  row: WizardDomain;
  accounts: NewAccount[];
  audit?: Record<string, unknown>;
}): Promise<{ created: CreatedAccount[]; taken: number[] }> {
  const created: CreatedAccount[] = [];
  const taken: number[] = [];
  for (let start = 0; start < accounts.length; start += CHUNK) {
    const chunk = accounts.slice(start, start + CHUNK);
    const values = chunk.map((account) => mailboxOf(account, row, caller));
    // An address whose earlier owner's mail is still being removed from the mail host is not free yet.
    const addresses = values.map((value) => value.address);
    const awaiting = await addressesAwaitingMailRemoval({ ex: tx, addresses });
    // An alias's address is taken too (one address space per domain; the domain lock keeps this exact).
    for (const address of await aliasAddressesAmong({ ex: tx, addresses })) awaiting.add(address);
    const rows = await insertMailboxes({ ex: tx, values: values.filter((value) => !awaiting.has(value.address)) });
    const ids = new Map(rows.map((r) => [r.address, r.id]));
    const entries: AuditEntry[] = [];
    chunk.forEach((account, i) => {
      const address = values[i]!.address;
      const id = ids.get(address);
      if (id === undefined) {
        taken.push(start + i);
        return;
      }
      const one = { id, address };
      created.push(one);
      entries.push(auditOf(account, one, row, caller, ip, audit));
    });
    await writeAudits(tx, entries);
  }
  return { created, taken };
}
