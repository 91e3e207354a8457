'use client';

import type { CSSProperties } from 'react';
import { useT } from '@/components/i18n-provider';
import { rowView, type RowData, type RowView } from './account-rows';
import { BULK_FORM } from './bulk/bulk-form';

function AccountRow({ v, select }: { v: RowView; select: { id: number; label: string } | null }) {
  return (
    <tr>
      {select && (
        <td>
          {/* A plain checkbox of the bulk bar's form: the selection lives in the DOM, not in each row. */}
          <input type="checkbox" name="id" value={select.id} form={BULK_FORM} aria-label={select.label} />
        </td>
      )}
      <td>
        <span data-s={v.status}>{v.statusLabel}</span>
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
        <details>
          <summary aria-label={v.menuAccessibleLabel}>{v.menuLabel}</summary>
          {v.menu.map((item) => (
            <a key={item.href} href={item.href} data-danger={item.danger ? '' : undefined}>
              {item.label}
            </a>
          ))}
        </details>
      </td>
    </tr>
  );
}

/** The list's <tbody>: the rows the server decided, worded in the page's language. */
export function AccountRowsBody({ rows, selectable = false }: { rows: RowData[]; selectable?: boolean }) {
  const t = useT();
  return (
    <tbody className="account-rows">
      {rows.map((d) => (
        <AccountRow key={d.href} v={rowView(d, t)} select={selectable ? { id: d.id, label: t('accounts.bulk.selectRow', { address: d.address }) } : null} />
      ))}
    </tbody>
  );
}
