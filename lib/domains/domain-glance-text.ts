import { formatBytes, formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';

type Glance = {
  accounts: number;
  maxAccounts: number;
  allocatedBytes: number;
  planStorageBytes: number;
  sentToday: number;
  nearlyFull: number;
  failedJobs: number;
  rights: Record<'create' | 'delete' | 'toggle' | 'changeLimits', boolean>;
  maxDailySendLimit: number;
  maxMessageBytes: number;
};

export type GlanceFigure = { key: 'accounts' | 'storage' | 'sentToday' | 'nearlyFull' | 'failedJobs'; label: string; value: string; hint?: string; warn: boolean };

/** The figures as read, every number and size in the reader's language. */
export function glanceFigures(glance: Glance, language: Language): GlanceFigure[] {
  const t = translator(language);
  const n = (value: number) => formatNumber(value, language);
  return [
    { key: 'accounts', label: t('domains.glance.accounts'), value: t('domains.usedOf', { used: n(glance.accounts), max: n(glance.maxAccounts) }), warn: glance.accounts >= glance.maxAccounts },
    {
      key: 'storage',
      label: t('domains.glance.storage'),
      value: t('domains.usedOf', { used: formatBytes(glance.allocatedBytes, language), max: formatBytes(glance.planStorageBytes, language) }),
      warn: glance.allocatedBytes >= glance.planStorageBytes,
    },
    { key: 'sentToday', label: t('domains.glance.sentToday'), value: n(glance.sentToday), hint: t('domains.glance.sentTodayHint'), warn: false },
    { key: 'nearlyFull', label: t('domains.glance.nearlyFull'), value: n(glance.nearlyFull), warn: glance.nearlyFull > 0 },
    { key: 'failedJobs', label: t('domains.glance.failedJobs'), value: n(glance.failedJobs), warn: glance.failedJobs > 0 },
  ];
}

/** What the domain's postmaster may do, in plain words: each switch its admin set, and the plan's limits. */
export function glanceRights(glance: Glance, language: Language): { text: string; allowed: boolean }[] {
  const t = translator(language);
  const right = (key: keyof Glance['rights']) => ({ text: t(`domains.glance.rights.${key}.${glance.rights[key] ? 'yes' : 'no'}`), allowed: glance.rights[key] });
  return [
    right('create'),
    right('toggle'),
    right('delete'),
    right('changeLimits'),
    {
      text: t('domains.glance.rights.plan', {
        accounts: formatNumber(glance.maxAccounts, language),
        storage: formatBytes(glance.planStorageBytes, language),
        sends: formatNumber(glance.maxDailySendLimit, language),
        messageSize: formatBytes(glance.maxMessageBytes, language),
      }),
      allowed: true,
    },
  ];
}
