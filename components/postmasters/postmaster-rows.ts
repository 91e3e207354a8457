import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import type { Language } from '@/lib/mail/services';
import type { listPostmasters } from '@/lib/postmasters/list-postmasters';

// The postmaster list (one per domain: 10,000 rows at 10,000 domains) writes its rows from data through one
// client component (postmaster-rows-body.tsx), as the account list does (components/accounts/account-rows.ts).

export type PostmasterListRow = Awaited<ReturnType<typeof listPostmasters>>['rows'][number];

/** One row as the server decided it: sizes formatted for the caller's language, no words. */
export type PostmasterRowData = { id: number; href: string; active: boolean; domain: string; address: string; used: string; max: string };

export function postmasterRowData(row: PostmasterListRow, language: Language): PostmasterRowData {
  return {
    id: row.id,
    href: `/postmasters/${row.id}`,
    active: row.active,
    domain: displayDomain(row.domainName),
    address: displayAddress(row.address),
    used: formatBytes(row.usedBytes, language),
    max: formatBytes(row.quotaBytes, language),
  };
}
