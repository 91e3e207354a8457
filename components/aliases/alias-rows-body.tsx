'use client';

import { useT } from '@/components/i18n-provider';
import { useRowsJson } from '@/components/list/use-rows-json';
import type { AliasRowData } from './alias-rows';

/**
 * The alias list's <tbody>: the rows the server decided (alias-rows.ts), worded in the page's language, as bare
 * cells styled from components/list/data-rows.css. One JSON string in, as the account list's rows.
 */
export function AliasRowsBody({ rowsJson }: { rowsJson: string }) {
  const t = useT();
  const rows = useRowsJson<AliasRowData>(rowsJson);
  return (
    <tbody className="data-rows [&_a]:wrap-anywhere [&_td]:wrap-anywhere">
      {rows.map((row) => {
        const shown = row.targets.join(', ');
        const at = row.address.lastIndexOf('@') + 1;
        return (
          <tr key={row.id}>
            <td>
              {/* A long address breaks after its @ first, and anywhere only if it must (a phone's narrow column). */}
              <a href={row.href}>
                {row.address.slice(0, at)}
                <wbr />
                {row.address.slice(at)}
              </a>
            </td>
            {row.domain !== undefined && <td>{row.domain}</td>}
            <td>
              {row.moreTargets > 0 ? t('aliases.moreTargets', { shown, count: row.moreTargets }) : shown}
              {row.senders !== 'anyone' && <small>{t(`aliases.sendersRule.${row.senders}`)}</small>}
            </td>
            {/* On a phone the address, targets and status fit; the description is on the alias's page. */}
            <td className="hidden md:table-cell">{row.description}</td>
            <td>
              <span data-s={row.receiving ? 'on' : 'off'}>{row.active ? t('common.active') : t('common.inactive')}</span>
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}
