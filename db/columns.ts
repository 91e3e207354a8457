import { sql } from 'drizzle-orm';
import { admins, mailboxes, plans } from '@/db/schema';
import { SERVICES, type Service } from '@/db/schema/services';

// Column sets that several queries select.

/** A table's switch for each service (mailboxes, domains and plans have one each), in the panel's order. */
export function serviceColumns<T extends Record<Service, unknown>>(table: T): Pick<T, Service> {
  return Object.fromEntries(SERVICES.map((s) => [s, table[s]])) as Pick<T, Service>;
}

/**
 * The SET of every change to mailboxes: the new values, the version bumped (the optimistic lock's) and the
 * update time; `endSessions` also bumps the session version in the same statement, so their sessions end at once.
 */
export function mailboxChange(values: Partial<typeof mailboxes.$inferInsert>, { endSessions = false, now = new Date() }: { endSessions?: boolean; now?: Date } = {}) {
  return {
    ...values,
    ...(endSessions ? { sessionVersion: sql`${mailboxes.sessionVersion} + 1` } : {}),
    version: sql`${mailboxes.version} + 1`,
    updatedAt: now,
  };
}

/** A mailbox's password and sign-in policy, as its Security section sets it. */
export const mailboxPolicyColumns = {
  forcePasswordChange: mailboxes.forcePasswordChange,
  passwordExpiryMonths: mailboxes.passwordExpiryMonths,
  blockPasswordReuse: mailboxes.blockPasswordReuse,
  passwordChangeDisabled: mailboxes.passwordChangeDisabled,
  passwordRecoveryDisabled: mailboxes.passwordRecoveryDisabled,
  otpRequired: mailboxes.otpRequired,
};

/** An admin as the permission checks see it: its role, whether it is active, its sessions' version. */
export const adminAccessColumns = {
  id: admins.id,
  email: admins.email,
  role: admins.role,
  active: admins.active,
  sessionVersion: admins.sessionVersion,
};

/** What a plan allows, which a domain's and a mailbox's settings are checked against. */
export const planLimitColumns = {
  id: plans.id,
  name: plans.name,
  ...serviceColumns(plans),
  storageOptionsBytes: plans.storageOptionsBytes,
  domainStorageBytes: plans.domainStorageBytes,
  defaultDailySendLimit: plans.defaultDailySendLimit,
  maxDailySendLimit: plans.maxDailySendLimit,
  allowSpamToInbox: plans.allowSpamToInbox,
  maxMessageBytes: plans.maxMessageBytes,
  userDetailFields: plans.userDetailFields,
};
