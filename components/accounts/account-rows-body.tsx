'use client';

import type { CSSProperties } from 'react';
import { useT } from '@/components/i18n-provider';
import { rowView, type RowData, type RowView } from './account-rows';

function AccountRow({ v }: { v: RowView }) {
  return (
    <tr>
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
export function AccountRowsBody({ rows }: { rows: RowData[] }) {
  const t = useT();
  return (
    <tbody className="account-rows">
      {rows.map((d) => (
        <AccountRow key={d.href} v={rowView(d, t)} />
      ))}
    </tbody>
  );
}
