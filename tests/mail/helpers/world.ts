import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { domains, mailboxes, plans } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import type { SaveResult } from '@/lib/mailboxes/settings/access';
import { adminCaller, userCaller } from '../../integration/helpers/callers';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES, type DomainRow, type PlanRow } from '../../integration/helpers/fixtures';

export const KB = 1024;

/** Unique across the test files sharing this database (each file has its own module state). */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export type World = { plan: PlanRow; domain: DomainRow; A: Caller };

/**
 * An admin, a plan that allows every mail service, spam to Inbox and a few small storage sizes (so a
 * quota can be filled by a test), and an active domain with its postmaster.
 */
export async function mailWorld(plan: Partial<typeof plans.$inferInsert> = {}): Promise<World> {
  const db = getDb();
  const admin = await insertAdmin(db, { email: `${uniqueName('admin')}@example.net` });
  const planRow = await insertPlan(db, {
    name: uniqueName('Mail plan '),
    storageOptionsBytes: [40 * KB, 1024 * 1024 * 1024],
    allowSpamToInbox: true,
    defaultDailySendLimit: 100,
    maxDailySendLimit: 1000,
    ...plan,
  });
  const domain = await insertDomain(db, { adminId: admin.id, planId: planRow.id }, { name: `${uniqueName('d')}.test` });
  await insertMailbox(db, domain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  return { plan: planRow, domain, A: adminCaller(admin) };
}

export type Account = { id: number; address: string; password: string; domainId: number; caller: Caller };

/** An active 1 GB account in the world's domain with IMAP, POP3 and SMTP on and a real password. */
export async function mailAccount(world: World, values: Partial<typeof mailboxes.$inferInsert> = {}): Promise<Account> {
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  const row = await insertMailbox(getDb(), world.domain, uniqueName('u'), {
    passwordHash: await hashPassword(password),
    imap: true,
    pop: true,
    smtp: true,
    dailySendLimit: 100,
    ...values,
  });
  return { id: row.id, address: row.address, password, domainId: row.domainId, caller: userCaller(row) };
}

export const login = (account: Account, pass = account.password) => ({ user: account.address, pass });

type Sections = Awaited<ReturnType<typeof getMailboxSettings>>['initial'];

/**
 * Saves one section of an account's settings through the panel's own code, as its admin: the form's
 * current values with `change` over them. Fails the test when the panel refuses.
 */
export async function saveSettings<K extends keyof Sections>(
  world: World,
  account: Account,
  section: K,
  change: Partial<Sections[K]>,
  save: (args: { caller: Caller; ip: string | null; id: number; input: unknown }) => Promise<SaveResult>,
): Promise<void> {
  const { initial } = await getMailboxSettings({ caller: world.A, id: account.id });
  const result = await save({ caller: world.A, ip: '127.0.0.1', id: account.id, input: { ...initial[section], ...change } });
  if (!result.ok) throw new Error(`The panel refused the ${String(section)} change: ${JSON.stringify(result)}`);
}

export async function setDomain(world: World, values: Partial<typeof domains.$inferInsert>): Promise<void> {
  await getDb().update(domains).set(values).where(eq(domains.id, world.domain.id));
}

/** The account as the panel's account list shows it (status, storage used, last access, sent in 24 h). */
export async function listedAccount(world: World, account: Pick<Account, 'address'>) {
  const list = await listAccounts({ caller: world.A, domainId: world.domain.id, query: { page: 1, pageSize: 25, q: account.address, sort: 'address', dir: 'asc' } });
  const row = list.rows.find((r) => r.address === account.address);
  if (!row) throw new Error(`${account.address} is not in the account list`);
  return row;
}
