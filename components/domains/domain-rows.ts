import { displayDomain } from '@/lib/domains/display-name';
import type { listDomains } from '@/lib/domains/list-domains';
import { formatBytes, formatNumber } from '@/lib/format';
import type { Language } from '@/lib/mail/services';

// The domain list's rows travel as data and are written by one client component (domain-rows-body.tsx), as
// the account and alias lists' are (components/accounts/account-rows.ts says why).

export type DomainListRow = Awaited<ReturnType<typeof listDomains>>['rows'][number];

/** One row as the server decided it: figures formatted for the caller's language, no words. */
export type DomainRowData = {
  id: number;
  href: string;
  name: string;
  active: boolean;
  /** The owning admin, shown to a superadmin only. */
  owner?: string;
  plan: string;
  /** The last DNS check's summary; null: never checked. */
  dns: 'ok' | 'problems' | null;
  accounts: { used: string; max: string };
  storage: { used: string; max: string };
};

export function domainRowData(row: DomainListRow, language: Language, showOwner: boolean): DomainRowData {
  return {
    id: row.id,
    href: `/domains/${row.id}`,
    name: displayDomain(row.name),
    active: row.active,
    ...(showOwner ? { owner: row.ownerEmail } : {}),
    plan: row.planName,
    dns: row.dnsStatus,
    accounts: { used: formatNumber(row.accounts, language), max: formatNumber(row.maxAccounts, language) },
    storage: { used: formatBytes(row.allocated, language), max: formatBytes(row.domainStorageBytes, language) },
  };
}
