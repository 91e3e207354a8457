'use client';

import { useT } from '@/components/i18n-provider';
import { useRowsJson } from '@/components/list/use-rows-json';
import type { PostmasterRowData } from './postmaster-rows';

/** The postmaster list's <tbody>: bare cells styled from components/list/data-rows.css, one JSON string in. */
export function PostmasterRowsBody({ rowsJson }: { rowsJson: string }) {
  const t = useT();
  const rows = useRowsJson<PostmasterRowData>(rowsJson);
  return (
    <tbody className="data-rows">
      {rows.map((row) => (
        <tr key={row.id}>
          <td>
            <span data-s={row.active ? 'on' : 'off'}>{row.active ? t('postmasters.online') : t('postmasters.offline')}</span>
          </td>
          <td>{row.domain}</td>
          <td>
            <a href={row.href}>{row.address}</a>
          </td>
          <td>{t('postmasters.usedOf', { used: row.used, max: row.max })}</td>
        </tr>
      ))}
    </tbody>
  );
}
