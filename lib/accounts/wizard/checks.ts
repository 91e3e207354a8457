import { isIP } from 'node:net';
import { displayAddress } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import { keyWith } from '@/lib/i18n/translate';
import { SERVICES, type Language } from '@/lib/mail/services';
import type { OptionsStepValues, SecurityStepValues, ServicesStepValues } from '@/lib/validations/account-wizard';
import { freeBytes, type WizardDomain } from './access';

// What each step's values must satisfy beyond their schema: the plan, the domain's settings and its
// remaining storage. The steps check these when saved, and "Create" checks them all again (under the
// domain lock and with the plan held FOR SHARE). Each returns one message key per field; none = fine.

export type FieldErrors = Record<string, string>;

/** Step 2: a storage option of the plan that still fits the domain, and only services the domain offers. */
export function checkServices(data: ServicesStepValues, row: WizardDomain, language: Language): FieldErrors {
  const { domain, plan } = row;
  const errors: FieldErrors = {};
  if (!plan.storageOptionsBytes.includes(data.quotaBytes)) {
    errors.quotaBytes = 'mailboxSettings.errors.storageNotInPlan';
  } else if (data.quotaBytes > freeBytes(row)) {
    errors.quotaBytes = keyWith('mailboxSettings.errors.storageBeyondDomain', { free: formatBytes(freeBytes(row), language) });
  }
  for (const service of SERVICES) {
    if (data.services[service] && !(domain[service] && plan[service])) errors[`services.${service}`] = 'mailboxSettings.errors.serviceNotAllowed';
  }
  return errors;
}

/** Step 3: the allowed IPs once more with the platform's own parser (the schema's is shared with the browser). */
export function checkSecurity(data: SecurityStepValues): FieldErrors {
  const bad = data.allowedIps.find((entry) => isIP(entry.split('/')[0] ?? '') === 0);
  return bad ? { allowedIps: keyWith('mailboxSettings.errors.ipInvalid', { entry: bad }) } : {};
}

/** Step 4: spam to Inbox only where the plan offers it; no forwarding to the account itself. */
export function checkOptions(data: OptionsStepValues, row: WizardDomain, localPart: string | undefined): FieldErrors {
  const errors: FieldErrors = {};
  if (data.spamToInbox && !row.plan.allowSpamToInbox) errors.spamToInbox = 'mailboxSettings.errors.spamNotAllowed';
  if (localPart !== undefined && data.forwards.includes(`${localPart}@${row.domain.name}`)) {
    errors.forwards = 'mailboxSettings.errors.forwardSelf';
  }
  return errors;
}

/** The refusal for an address the domain already has. */
export function addressTaken(localPart: string, row: WizardDomain): string {
  return keyWith('wizard.errors.addressTaken', { address: displayAddress(`${localPart}@${row.domain.name}`) });
}
