import { admins, mailboxes, plans } from '@/db/schema';
import { SERVICES, type Service } from '@/db/schema/services';

// Column sets that several queries select.

/** A table's switch for each service (mailboxes, domains and plans have one each), in the panel's order. */
export function serviceColumns<T extends Record<Service, unknown>>(table: T): Pick<T, Service> {
  return Object.fromEntries(SERVICES.map((s) => [s, table[s]])) as Pick<T, Service>;
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
  userDetailFields: plans.userDetailFields,
};
