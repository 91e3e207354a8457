import 'server-only';
import { getDb } from '@/db';
import { accountStatus } from '@/lib/accounts/list-accounts';
import { sumOtherQuotas } from '@/db/queries/mailbox-settings';
import type { Caller } from '@/lib/auth/caller';
import { canOnDomain } from '@/lib/auth/permissions';
import { serviceFlags, SERVICES, USER_DETAIL_FIELDS, type Language, type Service, type UserDetailField } from '@/lib/mail/services';
import type { AutoresponderInput, GeneralInput, MasterDataInput, SecurityInput, WebmailInput } from '@/lib/validations/mailbox-settings';
import { loadMailbox } from './access';
import { autoresponderValues, webmailValues } from './initial-values';

/** A storage size the General form offers; `note` says why it is special (and whether it can be picked). */
export type StorageOption = { bytes: number; note: 'belowUsed' | 'beyondDomain' | 'notInPlan' | null; disabled: boolean };

/** The limits and choices the forms offer, computed from the plan, the domain and the caller. */
export type MailboxSettingsOptions = {
  userDetailFields: UserDetailField[];
  /** Storage can be changed (not a postmaster; for a postmaster caller, only with the domain's permission). */
  canChangeStorage: boolean;
  canChangeSendLimit: boolean;
  storage: StorageOption[];
  /** What this mailbox may be given at most: the domain's storage minus the other mailboxes' quotas. */
  freeBytes: number;
  defaultDailySendLimit: number;
  maxDailySendLimit: number;
  /** Services that can be switched on: enabled for the domain and allowed by the plan. */
  services: Record<Service, boolean>;
  allowSpamToInbox: boolean;
  /** The largest message the account receives or sends: its domain's plan's (enforced by the policy service). */
  maxMessageBytes: number;
};

export type MailboxSettings = Awaited<ReturnType<typeof getMailboxSettings>>;

/**
 * Everything the settings page needs about one mailbox, if the caller may change it (a notFound failure
 * otherwise): the mailbox, its domain and plan limits, usage, and each section's initial form values.
 */
export async function getMailboxSettings({ caller, id }: { caller: Caller; id: number }) {
  const db = getDb();
  const row = await loadMailbox({ ex: db, caller, id });
  const { mailbox, domain, plan } = row;
  const others = await sumOtherQuotas({ ex: db, domainId: domain.id, mailboxId: mailbox.id });
  const freeBytes = plan.domainStorageBytes - others;
  const limits = canOnDomain(caller, 'accounts:limits', domain);

  const storage: StorageOption[] = [...new Set([...plan.storageOptionsBytes, mailbox.quotaBytes])]
    .sort((a, b) => a - b)
    .map((bytes) => {
      if (bytes === mailbox.quotaBytes) return { bytes, note: plan.storageOptionsBytes.includes(bytes) ? null : 'notInPlan', disabled: false };
      const note = bytes < row.usedBytes ? 'belowUsed' : bytes > mailbox.quotaBytes && bytes > freeBytes ? 'beyondDomain' : null;
      return { bytes, note, disabled: note !== null };
    });

  const userDetailFields = USER_DETAIL_FIELDS.filter((field) => plan.userDetailFields.includes(field));
  const options: MailboxSettingsOptions = {
    userDetailFields,
    canChangeStorage: limits && !mailbox.isPostmaster,
    canChangeSendLimit: limits,
    storage,
    freeBytes: Math.max(0, freeBytes),
    defaultDailySendLimit: plan.defaultDailySendLimit,
    maxDailySendLimit: plan.maxDailySendLimit,
    services: Object.fromEntries(SERVICES.map((s) => [s, domain[s] && plan[s]])) as Record<Service, boolean>,
    allowSpamToInbox: plan.allowSpamToInbox,
    maxMessageBytes: plan.maxMessageBytes,
  };

  const version = mailbox.version;
  const initial: {
    masterData: MasterDataInput;
    general: GeneralInput;
    security: SecurityInput;
    autoresponder: AutoresponderInput;
    webmail: WebmailInput;
  } = {
    masterData: {
      version,
      firstName: mailbox.firstName,
      lastName: mailbox.lastName,
      description: mailbox.description,
      // Only the fields the plan enables are in the form (and only they are accepted).
      ...Object.fromEntries(userDetailFields.map((field) => [field, mailbox[field]])),
      language: mailbox.language as Language,
      timeZone: mailbox.timeZone,
      recoveryEmail: mailbox.recoveryEmail ?? '',
    },
    general: {
      version,
      quotaBytes: mailbox.quotaBytes,
      dailySendLimit: mailbox.dailySendLimit,
      services: serviceFlags(mailbox),
      forwards: mailbox.forwards.join('\n'),
      forwardKeepCopy: mailbox.forwardKeepCopy,
      spamToInbox: mailbox.spamToInbox,
      rejectAll: mailbox.rejectAll,
      rejectMessage: mailbox.rejectMessage,
    },
    security: {
      version,
      newPassword: '',
      confirmPassword: '',
      passwordExpiryMonths: mailbox.passwordExpiryMonths,
      blockPasswordReuse: mailbox.blockPasswordReuse,
      passwordChangeDisabled: mailbox.passwordChangeDisabled,
      passwordRecoveryDisabled: mailbox.passwordRecoveryDisabled,
      forcePasswordChange: mailbox.forcePasswordChange,
      otpRequired: mailbox.otpRequired,
      allowedIps: mailbox.allowedIps.join('\n'),
      apiAccess: mailbox.apiAccess,
    },
    autoresponder: autoresponderValues(row),
    webmail: { ...webmailValues(row), inAddressBook: mailbox.inAddressBook },
  };

  return {
    mailbox: {
      // Plain ids for the page: only the data-access layer writes by a scoped id.
      id: mailbox.id as number,
      address: mailbox.address,
      isPostmaster: mailbox.isPostmaster,
      active: mailbox.active,
      /** As the list shows it: Updating while the mail servers have work for it, Offline in a deactivated domain. */
      status: accountStatus({ openJobs: mailbox.openJobs, active: mailbox.active, domainActive: domain.active }),
      version,
      quotaBytes: mailbox.quotaBytes,
      usedBytes: row.usedBytes,
      timeZone: mailbox.timeZone,
      otpEnrolled: mailbox.otpEnrolled,
      passwordChangedAt: mailbox.passwordChangedAt,
    },
    domain: { id: domain.id as number, name: domain.name, active: domain.active },
    plan: { id: plan.id, name: plan.name },
    options,
    initial,
  };
}
