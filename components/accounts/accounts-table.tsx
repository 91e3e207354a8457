import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, SearchForm, SortHeader } from '@/components/ui/list-controls';
import { RefreshWhile } from '@/components/ui/refresh-while';
import { Table, Th } from '@/components/ui/table';
import { ACCOUNT_SORTS, type AccountSort } from '@/db/queries/accounts';
import type { AccountList } from '@/lib/accounts/list-accounts';
import { listFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import type { Translate } from '@/lib/i18n/translate';
import type { PageQuery } from '@/lib/pagination';
import { rowData } from './account-row-data';
import { AccountRowsBody } from './account-rows-body';

/** The account list: search, sortable columns, one page of rows and the pager. */
export function AccountsTable({
  list,
  query,
  path,
  caller,
  t,
}: {
  list: AccountList;
  query: PageQuery<AccountSort>;
  path: string;
  caller: Caller;
  t: Translate;
}) {
  const f = listFormatters(caller.language, caller.timeZone);
  const header = (column: (typeof ACCOUNT_SORTS)[number], label: string) => (
    <SortHeader path={path} column={column} label={label} query={query} params={{ q: query.q, size: query.pageSize }} t={t} />
  );
  return (
    <>
      <SearchForm
        path={path}
        q={query.q}
        label={t('accountsList.searchLabel')}
        t={t}
        hidden={{ sort: query.sort, dir: query.dir, size: query.pageSize === 25 ? undefined : query.pageSize }}
      />
      {list.rows.length === 0 ? (
        <EmptyState title={query.q || query.page > 1 ? t('common.noResults') : t('accountsList.empty')} />
      ) : (
        <Table caption={t('accountsList.listCaption')}>
          <thead>
            <tr>
              {header('status', t('accountsList.columns.status'))}
              {header('address', t('accountsList.columns.address'))}
              {header('storage', t('accountsList.columns.storage'))}
              {header('lastAccess', t('accountsList.columns.lastAccess'))}
              {header('sent', t('accountsList.columns.sent'))}
              <Th>
                <span className="sr-only">{t('accountsList.columns.actions')}</span>
              </Th>
            </tr>
          </thead>
          {/* Styled from <tbody> by account-rows.css; why a string of HTML: account-rows.ts. */}
          <AccountRowsBody rows={list.rows.map((row) => rowData(row, caller, f))} />
        </Table>
      )}
      {/* Rows reading Updating change by themselves once the mail servers are done: re-read until then. */}
      {list.rows.some((row) => row.status === 'updating') && <RefreshWhile active />}
      <Pagination
        path={path}
        page={query.page}
        pageSize={query.pageSize}
        total={list.total}
        params={{ q: query.q, sort: query.sort, dir: query.dir }}
        t={t}
      />
    </>
  );
}
