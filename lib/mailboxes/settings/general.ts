import 'server-only';
import { lockDomainForStorage, sumOtherQuotas } from '@/db/queries/mailbox-settings';
import { diff } from '@/lib/audit/write-audit';
import { canOnDomain } from '@/lib/auth/permissions';
import { formatBytes } from '@/lib/format';
import { keyWith } from '@/lib/i18n/translate';
import { POSTMASTER_QUOTA_BYTES, SERVICES } from '@/lib/mail/services';
import { generalSchema } from '@/lib/validations/mailbox-settings';
import { refuse, saveSection, type SaveArgs, type SaveResult } from './access';

/** The services the mail host's sessions belong to. */
const MAIL_HOST_SERVICES = ['imap', 'pop', 'smtp'] as const;

/**
 * Storage and sending limits, services, forwards and the "other" options. Limits are checked only when
 * they change, so a value from before a plan was narrowed does not block saving the rest. A new storage
 * limit has the mail host recompute the usage; switching IMAP, POP3 or SMTP off ends the open sessions.
 */
export async function updateGeneral(args: SaveArgs): Promise<SaveResult> {
  const language = args.caller.language;
  return saveSection(args, 'general', generalSchema, async ({ tx, caller, row, data }) => {
    const { mailbox, domain, plan } = row;
    const errors: Record<string, string> = {};
    // Storage and the sending limit: a postmaster only if the domain's admin allowed it.
    const limitsAllowed = canOnDomain(caller, 'accounts:limits', domain);

    if (data.quotaBytes !== mailbox.quotaBytes) {
      if (mailbox.isPostmaster) {
        errors.quotaBytes = keyWith('mailboxSettings.errors.storageFixed', { size: formatBytes(POSTMASTER_QUOTA_BYTES, language) });
      } else if (!limitsAllowed) {
        errors.quotaBytes = 'mailboxSettings.errors.limitsNotAllowed';
      } else if (!plan.storageOptionsBytes.includes(data.quotaBytes)) {
        errors.quotaBytes = 'mailboxSettings.errors.storageNotInPlan';
      } else if (data.quotaBytes < row.usedBytes) {
        errors.quotaBytes = keyWith('mailboxSettings.errors.storageBelowUsed', { used: formatBytes(row.usedBytes, language) });
      } else if (data.quotaBytes > mailbox.quotaBytes) {
        await lockDomainForStorage({ ex: tx, domainId: domain.id });
        const free = plan.domainStorageBytes - (await sumOtherQuotas({ ex: tx, domainId: domain.id, mailboxId: mailbox.id }));
        if (data.quotaBytes > free) {
          errors.quotaBytes = keyWith('mailboxSettings.errors.storageBeyondDomain', { free: formatBytes(Math.max(0, free), language) });
        }
      }
    }
    if (data.dailySendLimit !== mailbox.dailySendLimit) {
      if (!limitsAllowed) errors.dailySendLimit = 'mailboxSettings.errors.limitsNotAllowed';
      else if (data.dailySendLimit > plan.maxDailySendLimit) {
        errors.dailySendLimit = keyWith('mailboxSettings.errors.sendLimitAboveMax', { max: plan.maxDailySendLimit });
      }
    }
    // A service can be switched on only if the domain enables it and the plan allows it; off always.
    for (const service of SERVICES) {
      if (data.services[service] && !mailbox[service] && !(domain[service] && plan[service])) {
        errors[`services.${service}`] = 'mailboxSettings.errors.serviceNotAllowed';
      }
    }
    if (data.spamToInbox && !mailbox.spamToInbox && !plan.allowSpamToInbox) errors.spamToInbox = 'mailboxSettings.errors.spamNotAllowed';
    if (data.forwards.includes(mailbox.address)) errors.forwards = 'mailboxSettings.errors.forwardSelf';
    if (Object.keys(errors).length > 0) return refuse(errors);

    const values = {
      quotaBytes: data.quotaBytes,
      dailySendLimit: data.dailySendLimit,
      ...data.services,
      forwards: data.forwards,
      forwardKeepCopy: data.forwardKeepCopy,
      spamToInbox: data.spamToInbox,
      rejectAll: data.rejectAll,
      rejectMessage: data.rejectMessage,
    };
    const switchedOff = MAIL_HOST_SERVICES.some((service) => mailbox[service] && !data.services[service]);
    const mailJobs = [...(switchedOff ? (['kick'] as const) : []), ...(data.quotaBytes !== mailbox.quotaBytes ? (['recalcQuota'] as const) : [])];
    return { values, details: diff(mailbox, values), mailJobs };
  });
}
