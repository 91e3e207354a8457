import type { AccountListRow } from '@/lib/accounts/list-accounts';
import type { ListFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import { displayAddress } from '@/lib/domains/display-name';
import { escapeHtml as e } from '@/lib/html/escape-html';
import type { Translate } from '@/lib/i18n/translate';
import type { RowMenuItem } from './row-menu';

// The list's rows are the bulk of the page (up to 100 of them, ~20 elements each). Built by React they
// cost about 3 ms of server CPU per page (elements serialized into the React payload, then rendered to
// HTML again); built here as one string they cost a tenth of that (bench/RESULTS.md). What they say is
// decided in rowView(); rowsHtml() only writes it down, escaping every value exactly as React does:
// account-rows.test.ts checks the string against React's own rendering of the same rows, for any text.

export type RowView = {
  status: AccountListRow['status'];
  statusLabel: string;
  href: string;
  /** The address split after its @, where a long one may wrap. */
  addressLocal: string;
  addressDomain: string;
  postmasterLabel: string | null;
  name: string;
  usage: string;
  /** Share of the quota used, 0–100, one decimal. */
  share: string;
  full: boolean;
  lastAccess: { iso: string; text: string } | null;
  neverLabel: string;
  sent: string;
  menuLabel: string;
  menuAccessibleLabel: string;
  menu: RowMenuItem[];
};

/** Where an account's settings are: the postmaster mailbox has its own page (a postmaster's own: /me). */
function settingsHref(caller: Caller, row: AccountListRow): string {
  if (!row.isPostmaster) return `/accounts/${row.id}`;
  return caller.kind === 'mailbox' ? '/me' : `/postmasters/${row.id}`;
}

function menuItems(href: string, row: AccountListRow, t: Translate): RowMenuItem[] {
  const items: RowMenuItem[] = [{ href, label: t('accountsList.settings') }];
  if (row.isPostmaster) return items;
  // Deactivate / reactivate follows the account's own switch; the account page asks to confirm.
  if (row.canToggle) {
    items.push(
      row.active
        ? { href: `${href}?action=deactivate`, label: t('accountsList.deactivate') }
        : { href: `${href}?action=reactivate`, label: t('accountsList.reactivate') },
    );
  }
  if (row.canDelete) items.push({ href: `${href}?action=delete`, label: t('accountsList.delete'), danger: true });
  return items;
}

export function rowView(row: AccountListRow, caller: Caller, t: Translate, f: ListFormatters): RowView {
  const address = displayAddress(row.address);
  const at = address.lastIndexOf('@') + 1;
  const share = row.quotaBytes > 0 ? Math.min(100, (row.usedBytes / row.quotaBytes) * 100) : 0;
  const href = settingsHref(caller, row);
  return {
    status: row.status,
    statusLabel: t(`accountsList.status.${row.status}`),
    href,
    addressLocal: address.slice(0, at),
    addressDomain: address.slice(at),
    postmasterLabel: row.isPostmaster ? t('accountsList.postmaster') : null,
    name: [row.firstName, row.lastName].filter(Boolean).join(' ') || row.description,
    usage: t('accountsList.usedOf', { used: f.bytes(row.usedBytes), max: f.bytes(row.quotaBytes) }),
    share: share.toFixed(1),
    full: share >= 90,
    lastAccess: row.lastAccessAt ? { iso: row.lastAccessAt.toISOString(), text: f.dateTime(row.lastAccessAt) } : null,
    neverLabel: t('accountsList.never'),
    sent: f.number(row.sent24h),
    menuLabel: t('accountsList.more'),
    menuAccessibleLabel: t('accountsList.moreFor', { address }),
    menu: menuItems(href, row, t),
  };
}

/** The rows as HTML, for <tbody>; styled from there (see accounts-table.tsx). */
export function rowsHtml(views: RowView[]): string {
  let html = '';
  for (const v of views) {
    html +=
      `<tr><td><span data-s="${e(v.status)}">${e(v.statusLabel)}</span></td>` +
      `<td><a href="${e(v.href)}">${e(v.addressLocal)}<wbr/>${e(v.addressDomain)}</a>` +
      (v.postmasterLabel === null ? '' : `<span data-pm="">${e(v.postmasterLabel)}</span>`) +
      (v.name ? `<small>${e(v.name)}</small>` : '') +
      `</td><td class="whitespace-nowrap">${e(v.usage)}` +
      `<span aria-hidden="true" data-bar="${v.full ? 'full' : ''}" style="--used:${e(v.share)}%"></span></td>` +
      '<td class="whitespace-nowrap">' +
      (v.lastAccess ? `<time dateTime="${e(v.lastAccess.iso)}">${e(v.lastAccess.text)}</time>` : `<span data-never="">${e(v.neverLabel)}</span>`) +
      `</td><td class="tabular-nums">${e(v.sent)}</td>` +
      `<td><details><summary aria-label="${e(v.menuAccessibleLabel)}">${e(v.menuLabel)}</summary>` +
      v.menu.map((item) => `<a href="${e(item.href)}"${item.danger ? ' data-danger=""' : ''}>${e(item.label)}</a>`).join('') +
      '</details></td></tr>';
  }
  return html;
}
