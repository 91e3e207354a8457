import Link from 'next/link';
import { notFound } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { deleteAccountAction, setAccountActiveAction } from '@/app/(panel)/accounts/actions';
import { AccountsTable } from '@/components/accounts/accounts-table';
import { BulkBar } from '@/components/accounts/bulk/bulk-bar';
import { NewAccountButton } from '@/components/accounts/new-account-button';
import { RowActionDialog } from '@/components/accounts/row-action-dialog';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ACCOUNT_SORTS } from '@/db/queries/accounts';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { accountFilterParams, parseAccountFilters } from '@/lib/accounts/list-filters';
import { accountListNotice } from '@/lib/accounts/list-notice';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';

import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { pageFailure } from '@/lib/page-failure';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.accounts', 'accounts:read');

async function DomainAccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePermission('accounts:read');
  const raw = (await params).id;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) notFound();
  const path = `/domains/${raw}/accounts`;
  const search = await searchParams;
  const query = parsePageQuery(search, ACCOUNT_SORTS, 'address');
  const { filters, refused } = parseAccountFilters(search);
  const list = await listAccounts({ caller, query, filters, domainId: Number(raw) }).catch(pageFailure);
  const domain = list.domains[0];
  if (!domain) notFound();
  const t = translator(caller.language);
  const name = displayDomain(domain.name);
  const notice = await accountListNotice({ caller, domain, search: { created: search.created, deleted: search.deleted } }).catch(pageFailure);

  return (
    <div className="space-y-6">
      <Link
        href={`/domains/${domain.id}`}
        className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        ← {t('accountsList.backToDomain', { domain: name })}
      </Link>
      <PageHeader
        title={t('accountsList.domainTitle', { domain: name })}
        description={t('accountsList.domainIntro')}
        actions={
          <>
            <a href={`${path}/export.csv`} download className={buttonClasses('secondary')}>
              {t('accountImport.exportLink')}
            </a>
            {list.creatable.length > 0 && (
              <Link href={`${path}/import`} className={buttonClasses('secondary')}>
                {t('accountImport.importLink')}
              </Link>
            )}
            <NewAccountButton domains={list.creatable} t={t} />
          </>
        }
      />
      {notice?.kind === 'created' && (
        <Alert tone="success">
          {t('accountsList.notices.created', { address: notice.address })}{' '}
          <Link href={`/accounts/${notice.id}`} className="font-medium underline underline-offset-2">
            {t('accountsList.notices.openCreated', { address: notice.address })}
          </Link>
        </Alert>
      )}
      {notice?.kind === 'deleted' && <Alert tone="success">{t('accountsList.notices.deleted', { address: notice.address })}</Alert>}
      <RowActionDialog setActive={setAccountActiveAction} remove={deleteAccountAction} />
      {!domain.active && <Alert tone="info">{t('accountsList.inactiveDomain')}</Alert>}
      <AccountsTable
        list={list}
        query={query}
        filters={filters}
        refusedFilters={refused}
        path={path}
        caller={caller}
        t={t}
        selectable={list.total > 0}
        bulk={
          list.total > 0 && (
            <BulkBar
              domainId={domain.id}
              total={list.total}
              totalCapped={list.totalCapped}
              q={query.q}
              filters={accountFilterParams(filters)}
              onPage={list.rows.length}
              storageOptions={[...domain.storageOptionsBytes].sort((a, b) => a - b).map((value) => ({ value, label: formatBytes(value, caller.language) }))}
            />
          )
        }
      />
    </div>
  );
}

export default withPageMessages(DomainAccountsPage, ['accountImport.exportLink', 'accountImport.importLink', 'accountsList', 'accounts.bulk', 'accounts.errors', 'errors.generic', 'plans.servicesShort', 'pageTitles.accounts']);
