'use client';

import { useT } from '@/components/i18n-provider';
import { useRowsJson } from '@/components/list/use-rows-json';
import type { DomainRowData } from './domain-rows';

const DNS_TONE = { ok: 'on', problems: 'bad', never: 'off' } as const;
const DNS_LABEL = { ok: 'dns.badgeOk', problems: 'dns.badgeProblems', never: 'dns.badgeNever' } as const;

/**
 * The domain list's <tbody>: the rows the server decided (domain-rows.ts), worded in the page's language, as
 * bare cells styled from components/list/data-rows.css. One JSON string in, as the account list's rows.
 */
export function DomainRowsBody({ rowsJson }: { rowsJson: string }) {
  const t = useT();
  const rows = useRowsJson<DomainRowData>(rowsJson);
  return (
    <tbody className="data-rows">
      {rows.map((row) => {
        const dns = row.dns ?? 'never';
        return (
          <tr key={row.id}>
            <td>
              <span data-s={row.active ? 'on' : 'off'}>{row.active ? t('common.active') : t('common.inactive')}</span>
            </td>
            <td>
              <a href={row.href}>{row.name}</a>
              {row.owner !== undefined && <small>{row.owner}</small>}
            </td>
            <td>{row.plan}</td>
            <td>
              <a href={`${row.href}/dns`}>
                <span data-s={DNS_TONE[dns]}>{t(DNS_LABEL[dns])}</span>
              </a>
            </td>
            <td>{t('domains.usedOf', row.accounts)}</td>
            <td>{t('domains.usedOf', row.storage)}</td>
          </tr>
        );
      })}
    </tbody>
  );
}
