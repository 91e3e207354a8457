import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { mailboxChange, mailboxPolicyColumns, planLimitColumns, serviceColumns } from '@/db/columns';
import { scopedId, type DomainScope, type ScopedId } from '@/db/scope';
import { autoresponders, domains, mailboxCounts, mailboxes, mailboxUsage, passwordHistory, plans, webmailPreferences } from '@/db/schema';

// The queries behind an account's settings page and its five sections. Every read of a mailbox joins
// its domain and takes the caller's domain scope, so a mailbox out of reach is simply not there.

const mailboxColumns = {
  id: mailboxes.id,
  domainId: mailboxes.domainId,
  address: mailboxes.address,
  isPostmaster: mailboxes.isPostmaster,
  active: mailboxes.active,
  /** Its mail-host jobs not done yet (pending, running or failed; migration 0007): it reads Updating meanwhile. */
  openJobs: mailboxes.openJobs,
  version: mailboxes.version,
  quotaBytes: mailboxes.quotaBytes,
  dailySendLimit: mailboxes.dailySendLimit,
  ...serviceColumns(mailboxes),
  firstName: mailboxes.firstName,
  lastName: mailboxes.lastName,
  description: mailboxes.description,
  phone: mailboxes.phone,
  mobile: mailboxes.mobile,
  company: mailboxes.company,
  department: mailboxes.department,
  jobTitle: mailboxes.jobTitle,
  language: mailboxes.language,
  timeZone: mailboxes.timeZone,
  recoveryEmail: mailboxes.recoveryEmail,
  ...mailboxPolicyColumns,
  otpEnrolled: sql<boolean>`(${mailboxes.otpEnabledAt} is not null)`,
  allowedIps: mailboxes.allowedIps,
  apiAccess: mailboxes.apiAccess,
  forwards: mailboxes.forwards,
  forwardKeepCopy: mailboxes.forwardKeepCopy,
  spamToInbox: mailboxes.spamToInbox,
  rejectAll: mailboxes.rejectAll,
  rejectMessage: mailboxes.rejectMessage,
  inAddressBook: mailboxes.inAddressBook,
  passwordChangedAt: mailboxes.passwordChangedAt,
};

const domainColumns = {
  id: domains.id,
  name: domains.name,
  active: domains.active,
  ...serviceColumns(domains),
  pmCanChangeLimits: domains.pmCanChangeLimits,
};

/**
 * One mailbox with its domain, plan, usage, autoresponder and webmail start-up preferences.
 * `lockPlan`: hold the plan FOR SHARE, so the plan cannot be narrowed while a save checks against it.
 */
export async function getMailboxSettingsRow({ ex, scope, id, lockPlan = false }: { ex: Executor; scope: DomainScope; id: number; lockPlan?: boolean }) {
  const query = ex
    .select({
      mailbox: mailboxColumns,
      domain: domainColumns,
      plan: planLimitColumns,
      usedBytes: sql<number>`coalesce(${mailboxUsage.storageBytes}, 0)`.mapWith(Number),
      autoresponder: {
        enabled: autoresponders.enabled,
        subject: autoresponders.subject,
        body: autoresponders.body,
        startsAt: autoresponders.startsAt,
        endsAt: autoresponders.endsAt,
      },
      webmailPreferences: {
        language: webmailPreferences.language,
        timeZone: webmailPreferences.timeZone,
        dateFormat: webmailPreferences.dateFormat,
        timeFormat: webmailPreferences.timeFormat,
      },
    })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .innerJoin(plans, eq(plans.id, domains.planId))
    .leftJoin(mailboxUsage, eq(mailboxUsage.address, mailboxes.address))
    .leftJoin(autoresponders, eq(autoresponders.mailboxId, mailboxes.id))
    .leftJoin(webmailPreferences, eq(webmailPreferences.mailboxId, mailboxes.id))
    .where(and(eq(mailboxes.id, id), scope))
    .limit(1);
  const [row] = await (lockPlan ? query.for('share', { of: plans }) : query);
  return (
    row && {
      ...row,
      mailbox: { ...row.mailbox, id: scopedId(scope, 'mailbox', row.mailbox.id) },
      domain: { ...row.domain, id: scopedId(scope, 'domain', row.domain.id) },
    }
  );
}

export type MailboxSettingsRow = NonNullable<Awaited<ReturnType<typeof getMailboxSettingsRow>>>;

/**
 * Storage given to the domain's other mailboxes: the domain's storage minus this is what one mailbox may get.
 * Read from the domain's counter (mailbox_counts.allocated_bytes, kept by the mailboxes' triggers in the
 * writing transaction) less this mailbox's own quota: one row, where summing the quotas read every account
 * of the domain (~45 ms of PostgreSQL per account page at 1,000,000 accounts, bench/RESULTS.md).
 */
export async function sumOtherQuotas({ ex, domainId, mailboxId }: { ex: Executor; domainId: number; mailboxId: number }): Promise<number> {
  const [row] = await ex
    .select({ total: sql<string>`(${mailboxCounts.allocatedBytes} - ${mailboxes.quotaBytes})::bigint` })
    .from(mailboxes)
    .innerJoin(mailboxCounts, eq(mailboxCounts.domainId, mailboxes.domainId))
    .where(and(eq(mailboxes.domainId, domainId), eq(mailboxes.id, mailboxId)));
  return Number(row?.total ?? 0);
}

/**
 * Serializes storage decisions within one domain (two quotas raised at once must not both fit the
 * same free space). NO KEY UPDATE, so new mailboxes' foreign-key checks are not blocked by it.
 */
export async function lockDomainForStorage({ ex, domainId }: { ex: Executor; domainId: ScopedId<'domain'> }): Promise<void> {
  await ex.select({ id: domains.id }).from(domains).where(eq(domains.id, domainId)).for('no key update');
}

/** The optimistic-lock update: nothing happens (undefined) when someone else saved since `version` was read. */
export async function updateMailboxIfVersion({
  ex,
  id,
  version,
  values,
  endSessions = false,
}: {
  ex: Executor;
  /** Read under the caller's scope first (getMailboxSettingsRow). */
  id: ScopedId<'mailbox'>;
  version: number;
  values: Partial<typeof mailboxes.$inferInsert>;
  /** Bump the session version, so the mailbox's sessions end (password changed). */
  endSessions?: boolean;
}) {
  const [row] = await ex
    .update(mailboxes)
    .set(mailboxChange(values, { endSessions }))
    .where(and(eq(mailboxes.id, id), eq(mailboxes.version, version)))
    .returning({ id: mailboxes.id, version: mailboxes.version });
  return row;
}

/** The current hash and the most recent earlier ones, newest first. */
export async function getPasswordHashes({ ex, mailboxId, previous }: { ex: Executor; mailboxId: number; previous: number }) {
  const [current] = await ex
    .select({ passwordHash: mailboxes.passwordHash })
    .from(mailboxes)
    .where(eq(mailboxes.id, mailboxId))
    .limit(1);
  const older =
    previous > 0
      ? await ex
          .select({ passwordHash: passwordHistory.passwordHash })
          .from(passwordHistory)
          .where(eq(passwordHistory.mailboxId, mailboxId))
          .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
          .limit(previous)
      : [];
  return { current: current?.passwordHash, previous: older.map((row) => row.passwordHash) };
}

export async function insertPasswordHistory({ ex, mailboxId, passwordHash }: { ex: Executor; mailboxId: number; passwordHash: string }) {
  await ex.insert(passwordHistory).values({ mailboxId, passwordHash });
}

type AutoresponderValues = Pick<typeof autoresponders.$inferInsert, 'enabled' | 'subject' | 'body' | 'startsAt' | 'endsAt'>;

/** The autoresponder row may not exist yet. */
export async function upsertAutoresponder({ ex, mailboxId, values }: { ex: Executor; mailboxId: number; values: AutoresponderValues }) {
  await ex
    .insert(autoresponders)
    .values({ mailboxId, ...values })
    .onConflictDoUpdate({ target: autoresponders.mailboxId, set: { ...values, updatedAt: new Date() } });
}

type WebmailValues = Pick<typeof webmailPreferences.$inferInsert, 'language' | 'timeZone' | 'dateFormat' | 'timeFormat'>;

/** Every mailbox gets a row when it is created, but one created otherwise may lack it. */
export async function upsertWebmailPreferences({ ex, mailboxId, values }: { ex: Executor; mailboxId: number; values: WebmailValues }) {
  await ex
    .insert(webmailPreferences)
    .values({ mailboxId, ...values })
    .onConflictDoUpdate({ target: webmailPreferences.mailboxId, set: { ...values, updatedAt: new Date() } });
}
