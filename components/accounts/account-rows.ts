import type { AccountStatus } from '@/lib/accounts/list-accounts';
import type { Translate } from '@/lib/i18n/translate';
import type { RowMenuItem } from './row-menu';

// The list's rows are the bulk of the page (up to 100 of them, ~20 elements each). The server decides each
// row's figures and links (account-row-data.ts); what travels in the page's payload is that, not the rows'
// elements, which would be sent twice (once as HTML, once in the React payload). <AccountRowsBody>, a client
// component, words the rows in the page's language (rowView) and renders them, on the server for the HTML
// and again in the browser. The cells are bare elements styled from their <tbody> (account-rows.css), so no
// class names are repeated on every cell. React costs ~0.15–0.2 ms of server CPU more per 25-row page than
// the string of HTML these rows were before (issue 16's A/B at 100,000 accounts: 0.88–0.98 of its req/s over
// five runs on a shared machine, median 0.90): the limit set for dropping the string was 10%.

/** One row as the server decided it: figures already formatted for the caller, no words. */
export type RowData = {
  id: number;
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
  if (d.toggle) items.push({ href: `${d.href}?action=${d.toggle}`, label: t(`accountsList.${d.toggle}`), action: d.toggle });
  if (d.remove) items.push({ href: `${d.href}?action=delete`, label: t('accountsList.delete'), danger: true, action: 'delete' });
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
