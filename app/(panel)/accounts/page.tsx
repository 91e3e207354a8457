import Link from 'next/link';
import { deleteAccountAction, setAccountActiveAction } from '@/app/(panel)/accounts/actions';
import { titleMetadata } from '@/app/title-metadata';
import { AccountsTable } from '@/components/accounts/accounts-table';
import { NewAccountButton } from '@/components/accounts/new-account-button';
import { RowActionDialog } from '@/components/accounts/row-action-dialog';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ACCOUNT_SORTS } from '@/db/queries/accounts';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { parseAccountFilters } from '@/lib/accounts/list-filters';
import { requirePermission } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.accounts', 'accounts:read');

const PATH = '/accounts';

/** Every account of every domain the caller may see (a postmaster: its own domain). */
async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('accounts:read');
  const t = translator(caller.language);
  const search = await searchParams;
  const query = parsePageQuery(search, ACCOUNT_SORTS, 'address');
  const { filters, refused } = parseAccountFilters(search);
  const list = await listAccounts({ caller, query, filters });

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('accountsList.title')}
        description={
          <>
            {t('accountsList.intro')}
            {list.moreDomains && (
              <>
                {' '}
                <Link href="/domains" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                  {t('accountsList.moreDomains', { count: list.domains.length })}
                </Link>
              </>
            )}
          </>
        }
        actions={
          <>
            <a href={`${PATH}/export.csv`} download className={buttonClasses('secondary')}>
              {t('accountImport.exportLink')}
            </a>
            <NewAccountButton domains={list.creatable} t={t} />
          </>
        }
      />
      <RowActionDialog setActive={setAccountActiveAction} remove={deleteAccountAction} />
      <AccountsTable list={list} query={query} filters={filters} refusedFilters={refused} path={PATH} caller={caller} t={t} />
    </div>
  );
}

export default withPageMessages(AccountsPage, ['accountImport.exportLink', 'accounts.bulk', 'accounts.errors', 'accountsList', 'pageTitles.accounts', 'plans.servicesShort']);
