import type { BlockingDomain, PlanColumns, PlanNarrowing, PlanRow } from '@/db/queries/plans';
import { displayDomain } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import { keyWith, translator } from '@/lib/i18n/translate';
import { SERVICES, type Language } from '@/lib/mail/services';

/** How many domain names a refusal spells out before "and N more". */
export const NAMED_DOMAINS_MAX = 10;

/**
 * What a change from `before` to `after` takes away. Only what actually gets narrower is checked,
 * so a plan that is already exceeded (by data older than the rule) can still be renamed.
 */
export function narrowingOf(before: PlanRow, after: PlanColumns): PlanNarrowing {
  return {
    servicesOff: SERVICES.filter((s) => before[s] && !after[s]),
    maxAccounts: after.maxAccounts < before.maxAccounts ? after.maxAccounts : undefined,
    domainStorageBytes: after.domainStorageBytes < before.domainStorageBytes ? after.domainStorageBytes : undefined,
    removedStorageOptionsBytes: before.storageOptionsBytes.filter((b) => !after.storageOptionsBytes.includes(b)),
    maxDailySendLimit: after.maxDailySendLimit < before.maxDailySendLimit ? after.maxDailySendLimit : undefined,
    spamToInboxOff: before.allowSpamToInbox && !after.allowSpamToInbox,
  };
}

/** "a.example, b.example and 3 more", in Unicode, in the caller's language. */
export function domainList(names: readonly string[], total: number, language: Language): string {
  const shown = names.slice(0, NAMED_DOMAINS_MAX).map(displayDomain);
  const list = shown.join(', ');
  const rest = total - shown.length;
  return rest > 0 ? translator(language)('plans.errors.andMore', { list, count: rest }) : list;
}

/**
 * The refusal of a change that takes away what domains use: a form error naming every blocking
 * domain, and beside each narrowed field the domains (and services or sizes) that stand in its way.
 */
export function blockingErrors(
  blocking: readonly BlockingDomain[],
  language: Language,
): { formError: string; fieldErrors: Record<string, string> } {
  const t = translator(language);
  const namesFor = (pick: (d: BlockingDomain) => boolean) => {
    const names = blocking.filter(pick).map((d) => d.name);
    return domainList(names, names.length, language);
  };
  const fieldErrors: Record<string, string> = {};

  const withServices = blocking.filter((d) => d.servicesInUse.length > 0);
  if (withServices.length > 0) {
    const services = SERVICES.filter((s) => withServices.some((d) => d.servicesInUse.includes(s)))
      .map((s) => t(`plans.servicesShort.${s}`))
      .join(', ');
    fieldErrors.services = keyWith('plans.errors.serviceInUse', { services, domains: namesFor((d) => d.servicesInUse.length > 0) });
  }
  const simple = [
    ['maxAccounts', 'maxAccounts', 'plans.errors.accountsInUse'],
    ['domainStorage', 'domainStorage.amount', 'plans.errors.storageInUse'],
    ['sendLimit', 'maxDailySendLimit', 'plans.errors.sendLimitInUse'],
    ['spamToInbox', 'allowSpamToInbox', 'plans.errors.spamInUse'],
  ] as const;
  for (const [reason, field, key] of simple) {
    if (blocking.some((d) => d.reasons.includes(reason))) {
      fieldErrors[field] = keyWith(key, { domains: namesFor((d) => d.reasons.includes(reason)) });
    }
  }
  const withOptions = blocking.filter((d) => d.storageOptionsInUse.length > 0);
  if (withOptions.length > 0) {
    const sizes = [...new Set(withOptions.flatMap((d) => d.storageOptionsInUse))]
      .sort((a, b) => a - b)
      .map((b) => formatBytes(b, language))
      .join(', ');
    fieldErrors.storageOptions = keyWith('plans.errors.storageOptionInUse', {
      sizes,
      domains: namesFor((d) => d.storageOptionsInUse.length > 0),
    });
  }

  const formError = keyWith('plans.errors.narrowedInUse', {
    domains: domainList(
      blocking.map((d) => d.name),
      blocking.length,
      language,
    ),
  });
  return { formError, fieldErrors };
}
