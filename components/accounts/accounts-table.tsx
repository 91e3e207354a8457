import { DataList, type Column } from '@/components/list/data-list';
import { RefreshWhile } from '@/components/ui/refresh-while';
import type { AccountSort } from '@/db/queries/accounts';
import type { AccountList, AccountListRow } from '@/lib/accounts/list-accounts';
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
  selectable = false,
}: {
  list: AccountList;
  query: PageQuery<AccountSort>;
  path: string;
  caller: Caller;
  t: Translate;
  /** A checkbox per row for the bulk bar (components/accounts/bulk). */
  selectable?: boolean;
}) {
  const f = listFormatters(caller.language, caller.timeZone);
  // The rows are written by <AccountRowsBody> (why: account-rows.ts); the columns give the headers.
  const columns: Column<AccountListRow, AccountSort>[] = [
    ...(selectable ? [{ key: 'select', label: t('accounts.bulk.selectColumn'), hideLabel: true }] : []),
    { key: 'status', label: t('accountsList.columns.status'), sort: 'status' },
    { key: 'address', label: t('accountsList.columns.address'), sort: 'address' },
    { key: 'storage', label: t('accountsList.columns.storage'), sort: 'storage' },
    { key: 'lastAccess', label: t('accountsList.columns.lastAccess'), sort: 'lastAccess' },
    { key: 'sent', label: t('accountsList.columns.sent'), sort: 'sent' },
    { key: 'actions', label: t('accountsList.columns.actions'), hideLabel: true },
  ];
  return (
    <>
      <DataList
        caption={t('accountsList.listCaption')}
        columns={columns}
        rows={list.rows}
        body={<AccountRowsBody rows={list.rows.map((row) => rowData(row, caller, f))} selectable={selectable} />}
        t={t}
        paging={{ path, query, total: list.total }}
        search={{ label: t('accountsList.searchLabel') }}
        empty={{ title: t('accountsList.empty') }}
      />
      {/* Rows reading Updating change by themselves once the mail servers are done: re-read until then. */}
      {list.rows.some((row) => row.status === 'updating') && <RefreshWhile active />}
    </>
  );
}
