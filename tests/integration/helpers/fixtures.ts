import type { Database } from '@/db';
import { admins, domains, mailboxes, plans } from '@/db/schema';

/** Any string starting `$2b$` satisfies the schema; this one has bcrypt's real shape. */
export const BCRYPT_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.yKHRvHjNOTxPoCWjuGmRa8wYy7dK';
export const POSTMASTER_QUOTA_BYTES = 52_428_800;
export const GIB = 1_073_741_824;

let counter = 0;
/** A name no other fixture in this process has used. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

export type AdminRow = typeof admins.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type DomainRow = typeof domains.$inferSelect;
export type MailboxRow = typeof mailboxes.$inferSelect;

export async function insertAdmin(db: Database, values: Partial<typeof admins.$inferInsert> = {}): Promise<AdminRow> {
  const [row] = await db
    .insert(admins)
    .values({ email: `${unique('admin')}@example.net`, role: 'admin', passwordHash: BCRYPT_HASH, ...values })
    .returning();
  return must(row);
}

export async function insertPlan(db: Database, values: Partial<typeof plans.$inferInsert> = {}): Promise<PlanRow> {
  const [row] = await db
    .insert(plans)
    .values({
      name: unique('Plan '),
      storageOptionsBytes: [GIB, 5 * GIB],
      domainStorageBytes: 100 * GIB,
      maxAccounts: 100,
      defaultDailySendLimit: 500,
      maxDailySendLimit: 2_000,
      ...values,
    })
    .returning();
  return must(row);
}

export async function insertDomain(
  db: Database,
  owner: { adminId: number; planId: number },
  values: Partial<typeof domains.$inferInsert> = {},
): Promise<DomainRow> {
  const [row] = await db
    .insert(domains)
    .values({ name: `${unique('domain')}.example`, ...owner, ...values })
    .returning();
  return must(row);
}

/** The values of a valid, ordinary mailbox `localPart@domain`; spread overrides over them. */
export function mailboxValues(domain: Pick<DomainRow, 'id' | 'name'>, localPart: string) {
  return {
    domainId: domain.id,
    localPart,
    address: `${localPart}@${domain.name}`,
    passwordHash: BCRYPT_HASH,
    quotaBytes: GIB,
    dailySendLimit: 500,
  } satisfies typeof mailboxes.$inferInsert;
}

export async function insertMailbox(
  db: Database,
  domain: Pick<DomainRow, 'id' | 'name'>,
  localPart = unique('user'),
  values: Partial<typeof mailboxes.$inferInsert> = {},
): Promise<MailboxRow> {
  const [row] = await db
    .insert(mailboxes)
    .values({ ...mailboxValues(domain, localPart), ...values })
    .returning();
  return must(row);
}

export type Fixture = { admin: AdminRow; plan: PlanRow; domain: DomainRow; postmaster: MailboxRow; mailbox: MailboxRow };

/** A valid admin, plan, domain (with its postmaster) and one ordinary mailbox. */
export async function createFixture(db: Database): Promise<Fixture> {
  const admin = await insertAdmin(db);
  const plan = await insertPlan(db);
  const domain = await insertDomain(db, { adminId: admin.id, planId: plan.id });
  const postmaster = await insertMailbox(db, domain, 'postmaster', {
    isPostmaster: true,
    quotaBytes: POSTMASTER_QUOTA_BYTES,
  });
  const mailbox = await insertMailbox(db, domain);
  return { admin, plan, domain, postmaster, mailbox };
}

function must<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('insert … returning gave no row');
  return row;
}
