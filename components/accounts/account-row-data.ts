import type { AccountListRow } from '@/lib/accounts/list-accounts';
import type { ListFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import { displayAddress } from '@/lib/domains/display-name';
import type { RowData } from './account-rows';

/** Where an account's settings are: the postmaster mailbox has its own page (a postmaster's own: /me). */
function settingsHref(caller: Caller, row: AccountListRow): string {
  if (!row.isPostmaster) return `/accounts/${row.id}`;
  return caller.kind === 'mailbox' ? '/me' : `/postmasters/${row.id}`;
}

/** What the server decides about a row: its figures in the caller's format, its links and actions. */
export function rowData(row: AccountListRow, caller: Caller, f: ListFormatters): RowData {
  const share = row.quotaBytes > 0 ? Math.min(100, (row.usedBytes / row.quotaBytes) * 100) : 0;
  // Deactivate / reactivate follows the account's own switch (the account page asks to confirm); a
  // postmaster is neither switched nor deleted from here.
  const toggle = row.isPostmaster || !row.canToggle ? null : row.active ? 'deactivate' : 'reactivate';
  return {
    id: row.id,
    status: row.status,
    href: settingsHref(caller, row),
    address: displayAddress(row.address),
    postmaster: row.isPostmaster,
    name: [row.firstName, row.lastName].filter(Boolean).join(' ') || row.description,
    used: f.bytes(row.usedBytes),
    quota: f.bytes(row.quotaBytes),
    share: share.toFixed(1),
    full: share >= 90,
    lastAccess: row.lastAccessAt ? { iso: row.lastAccessAt.toISOString(), text: f.dateTime(row.lastAccessAt) } : null,
    sent: f.number(row.sent24h),
    toggle,
    remove: !row.isPostmaster && row.canDelete,
  };
}
