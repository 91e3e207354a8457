import type { AccountStatus } from '@/lib/accounts/list-accounts';
import { escapeHtml as e } from '@/lib/html/escape-html';
import type { Translate } from '@/lib/i18n/translate';
import type { RowMenuItem } from './row-menu';

// The list's rows are the bulk of the page (up to 100 of them, ~20 elements each). Built by React they
// cost about 3 ms of server CPU per page (elements serialized into the React payload, then rendered to
// HTML again); built here as one string they cost a tenth of that (bench/RESULTS.md). The server decides
// each row's figures and links (account-row-data.ts); what travels in the page's payload is that, not
// the HTML, which would go twice (once as HTML, once escaped inside a script) at three times the size.
// <AccountRowsBody> then words the rows in the page's language (rowView) and writes them down
// (rowsHtml), on the server for the HTML and again in the browser, escaping every value exactly as React
// does: account-rows.test.tsx checks the string against React's own rendering of the same rows.

/** One row as the server decided it: figures already formatted for the caller, no words. */
export type RowData = {
  status: AccountStatus;
  href: string;
  /** Shown in Unicode. */
  address: string;
  postmaster: boolean;
  name: string;
  used: string;
  quota: string;
  /** Share of the quota used, 0–100, one decimal. */
  share: string;
  full: boolean;
  lastAccess: { iso: string; text: string } | null;
  sent: string;
  toggle: 'deactivate' | 'reactivate' | null;
  remove: boolean;
};

export type RowView = {
  status: AccountStatus;
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

function menuItems(d: RowData, t: Translate): RowMenuItem[] {
  const items: RowMenuItem[] = [{ href: d.href, label: t('accountsList.settings') }];
  if (d.toggle) items.push({ href: `${d.href}?action=${d.toggle}`, label: t(`accountsList.${d.toggle}`) });
  if (d.remove) items.push({ href: `${d.href}?action=delete`, label: t('accountsList.delete'), danger: true });
  return items;
}

export function rowView(d: RowData, t: Translate): RowView {
  const at = d.address.lastIndexOf('@') + 1;
  return {
    status: d.status,
    statusLabel: t(`accountsList.status.${d.status}`),
    href: d.href,
    addressLocal: d.address.slice(0, at),
    addressDomain: d.address.slice(at),
    postmasterLabel: d.postmaster ? t('accountsList.postmaster') : null,
    name: d.name,
    usage: t('accountsList.usedOf', { used: d.used, max: d.quota }),
    share: d.share,
    full: d.full,
    lastAccess: d.lastAccess,
    neverLabel: t('accountsList.never'),
    sent: d.sent,
    menuLabel: t('accountsList.more'),
    menuAccessibleLabel: t('accountsList.moreFor', { address: d.address }),
    menu: menuItems(d, t),
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
