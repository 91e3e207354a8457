'use client';

import { useLanguage, useT } from '@/components/i18n-provider';
import { Table, Td, Th } from '@/components/ui/table';
import type { ImportIssue } from '@/lib/accounts/import/issues';
import type { PreviewAccount } from '@/lib/accounts/import/preview-import';
import { formatNumber } from '@/lib/format';

/** Every problem of the file (messages already in the reader's language), by row and column. */
export function IssuesTable({ issues }: { issues: ImportIssue[] }) {
  const t = useT();
  return (
    <Table caption={t('accountImport.preview.problemsCaption')}>
      <thead>
        <tr>
          <Th>{t('accountImport.preview.row')}</Th>
          <Th>{t('accountImport.preview.column')}</Th>
          <Th>{t('accountImport.preview.problem')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {issues.map((issue, i) => (
          <tr key={i}>
            <Td className="whitespace-nowrap tabular-nums">{issue.row ?? t('accountImport.preview.wholeFile')}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">{issue.column ?? '—'}</Td>
            <Td className="wrap-anywhere">{issue.message}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The first accounts the file would create. */
export function SampleTable({ sample, total, format }: { sample: PreviewAccount[]; total: number; format: (bytes: number) => string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="space-y-2">
      <Table caption={t('accountImport.preview.accountsCaption')}>
        <thead>
          <tr>
            <Th>{t('accountImport.preview.row')}</Th>
            <Th>{t('accountImport.preview.address')}</Th>
            <Th>{t('accountImport.preview.name')}</Th>
            <Th>{t('accountImport.preview.storage')}</Th>
            <Th>{t('accountImport.preview.services')}</Th>
            <Th>{t('accountImport.preview.password')}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sample.map((account) => (
            <tr key={account.row}>
              <Td className="tabular-nums">{account.row}</Td>
              <Td className="wrap-anywhere">{account.address}</Td>
              <Td>{account.name}</Td>
              <Td className="whitespace-nowrap">{format(account.quotaBytes)}</Td>
              <Td>{account.services.join(' ') || '—'}</Td>
              <Td>{account.passwordGenerated ? t('accountImport.preview.passwordGenerated') : t('accountImport.preview.passwordTyped')}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {total > sample.length && <p className="text-sm text-slate-600">{t('accountImport.preview.shownFirst', { shown: formatNumber(sample.length, language), count: formatNumber(total, language) })}</p>}
    </div>
  );
}
