'use client';

import type { CSSProperties, MouseEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { useRowsJson } from '@/components/list/use-rows-json';
import type { AccountStatus } from '@/lib/accounts/list-accounts';
import { rowView, type RowData, type RowView } from './account-rows';
import { BULK_FORM } from './bulk/bulk-form';
import { requestRowAction, rowMenuId, type RowAction } from './row-menu';

/** A menu item's click once the page's JavaScript runs: the list's dialog instead of the account page (a
 *  click asking for a new tab or window, or a page without the dialog, still follows the link). */
function openDialog(event: MouseEvent<HTMLAnchorElement>, id: number, address: string, action: RowAction): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (!requestRowAction({ id, address, action })) return;
  event.preventDefault();
  // Closing the popover gives focus back to its button (the dialog opens after this, in an effect, and
  // gives focus back to that button when it closes).
  (event.currentTarget.parentElement as HTMLElement).hidePopover();
}

/** A status's tone in the list's rows (components/list/data-rows.css). */
const STATUS_TONE: Record<AccountStatus, 'on' | 'off' | 'pending'> = { online: 'on', offline: 'off', updating: 'pending' };

function AccountRow({ id, address, v, select }: { id: number; address: string; v: RowView; select: { id: number; label: string } | null }) {
  const menu = rowMenuId(id);
  return (
    <tr>
      {select && (
        <td>
          {/* A plain checkbox of the bulk bar's form: the selection lives in the DOM, not in each row. */}
          <input type="checkbox" name="id" value={select.id} form={BULK_FORM} aria-label={select.label} />
        </td>
      )}
      <td>
        <span data-s={STATUS_TONE[v.status]}>{v.statusLabel}</span>
      </td>
      <td>
        <a href={v.href}>
          {v.addressLocal}
          <wbr />
          {v.addressDomain}
        </a>
        {v.postmasterLabel !== null && <span data-pm="">{v.postmasterLabel}</span>}
        {v.name && <small>{v.name}</small>}
      </td>
      <td className="whitespace-nowrap">
        {v.usage}
        <span aria-hidden="true" data-bar={v.full ? 'full' : ''} style={{ '--used': `${v.share}%` } as CSSProperties} />
      </td>
      <td className="whitespace-nowrap">
        {v.lastAccess ? <time dateTime={v.lastAccess.iso}>{v.lastAccess.text}</time> : <span data-never="">{v.neverLabel}</span>}
      </td>
      <td className="tabular-nums">{v.sent}</td>
      <td>
        <button type="button" popoverTarget={menu} aria-label={v.menuAccessibleLabel}>
          {v.menuLabel}
        </button>
        <div id={menu} popover="auto">
          {v.menu.map((item) => {
            const action = item.action;
            return (
              <a
                key={item.href}
                href={item.href}
                data-danger={item.danger ? '' : undefined}
                onClick={action ? (event) => openDialog(event, id, address, action) : undefined}
              >
                {item.label}
              </a>
            );
          })}
        </div>
      </td>
    </tr>
  );
}

/**
 * The list's <tbody>: the rows the server decided, worded in the page's language. They arrive as one JSON
 * string: React's payload then carries one value instead of ~15 per row, each of which it would serialize
 * and revive on its own on every request (the messages travel the same way: components/i18n-provider.tsx).
 */
export function AccountRowsBody({ rowsJson, selectable = false }: { rowsJson: string; selectable?: boolean }) {
  const t = useT();
  const rows = useRowsJson<RowData>(rowsJson);
  return (
    <tbody className="data-rows account-rows">
      {rows.map((d) => (
        <AccountRow key={d.href} id={d.id} address={d.address} v={rowView(d, t)} select={selectable ? { id: d.id, label: t('accounts.bulk.selectRow', { address: d.address }) } : null} />
      ))}
    </tbody>
  );
}
