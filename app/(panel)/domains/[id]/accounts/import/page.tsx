import Link from 'next/link';
import { notFound } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th } from '@/components/ui/table';
import { getImportPage } from '@/lib/accounts/import/get-import-page';
import { accountsPath } from '@/lib/accounts/wizard/paths';
import { requirePermission } from '@/lib/auth/session';
import { formatBytes, formatNumber } from '@/lib/format';
import { translate, translator, type MessageKey } from '@/lib/i18n/translate';
import { SERVICES } from '@/lib/mail/services';
import { IMPORT_COLUMN_NAMES, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@/lib/validations/account-import';
import { ImportForm } from './import-form';
import { pageFailure } from '@/lib/page-failure';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('accountImport.title', 'accounts:create');

/** Import accounts into a domain from CSV: the file's format, then checking and importing a file. */
async function ImportAccountsPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('accounts:create');
  const raw = (await params).id;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) notFound();
  const page = await getImportPage({ caller, domainId: Number(raw) }).catch(pageFailure);
  const t = translator(caller.language);
  const domain = page.domain.displayName;
  const listHref = accountsPath(page.domain.id);
  const vars = {
    storage: formatBytes(page.defaults.quotaBytes, caller.language),
    services: SERVICES.join(' '),
    offered: page.defaults.services.join(' ') || 'none',
  };

  return (
    <div className="space-y-6">
      <Link
        href={listHref}
        className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        ← {t('accountImport.backToList', { domain })}
      </Link>
      <PageHeader title={t('accountImport.title')} description={t('accountImport.intro', { domain })} />
      {page.refusal ? (
        <Alert tone="error" title={t('accountImport.unavailable')}>
          {translate(caller.language, page.refusal)}
        </Alert>
      ) : (
        <Alert tone="info">
          {t('accountImport.room', { room: formatNumber(page.room, caller.language), free: formatBytes(page.freeBytes, caller.language) })}
        </Alert>
      )}

      <Card>
        <CardHeader>
          <div>
            <CardTitle>{t('accountImport.prepare.title')}</CardTitle>
            <CardDescription>{t('accountImport.prepare.intro')}</CardDescription>
          </div>
          <a href={`/domains/${page.domain.id}/accounts/import/template.csv`} download className={buttonClasses('secondary', 'sm')}>
            {t('accountImport.prepare.template')}
          </a>
        </CardHeader>
        <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t('accountImport.prepare.format', { rows: formatNumber(IMPORT_MAX_ROWS, caller.language), size: formatBytes(IMPORT_MAX_BYTES, caller.language) })}</li>
          <li>{t('accountImport.prepare.multi')}</li>
          <li>{t('accountImport.prepare.passwords')}</li>
          <li>{t('accountImport.prepare.roundTrip')}</li>
        </ul>
        <Table caption={t('accountImport.columns.caption')}>
          <thead>
            <tr>
              <Th>{t('accountImport.columns.name')}</Th>
              <Th>{t('accountImport.columns.meaning')}</Th>
              <Th>{t('accountImport.columns.empty')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {IMPORT_COLUMN_NAMES.map((column) => (
              <tr key={column}>
                <Td className="font-mono text-xs whitespace-nowrap">{column}</Td>
                <Td>{t(`accountImport.columns.${column}.meaning` as MessageKey, vars)}</Td>
                <Td>{t(`accountImport.columns.${column}.empty` as MessageKey, vars)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      {!page.refusal && (
        <Card>
          <CardHeader>
            <div>
              <CardTitle>{t('accountImport.upload.title')}</CardTitle>
              <CardDescription>{t('accountImport.upload.fileHint')}</CardDescription>
            </div>
          </CardHeader>
          <ImportForm domainId={page.domain.id} domainName={domain} listHref={listHref} />
        </Card>
      )}
    </div>
  );
}

export default withPageMessages(ImportAccountsPage, ['accountImport', 'mailboxSettings.errors', 'recovery.commonPassword', 'security', 'wizard.errors']);
