import type { ReactNode } from 'react';
import { DataList, type Column } from '@/components/list/data-list';
import { RefreshWhile } from '@/components/ui/refresh-while';
import { Alert } from '@/components/ui/alert';
import type { AccountFilters, AccountSort } from '@/db/queries/accounts';
import type { AccountList, AccountListRow } from '@/lib/accounts/list-accounts';
import { listFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import type { MessageKey, Translate } from '@/lib/i18n/translate';
import { accountFilterParams, type AccountFilterParam } from '@/lib/accounts/list-filters';
import { PAGE_SIZES, type PageQuery } from '@/lib/pagination';
import { rowData } from './account-row-data';
import { AccountRowsBody } from './account-rows-body';
import { AccountFiltersPanel } from './filters/account-filters';

/** A filter's name, for saying which one in a link could not be used. */
const FILTER_NAMES: Record<AccountFilterParam, MessageKey> = {
  status: 'accountsList.filters.status',
  full: 'accountsList.filters.full',
  never: 'accountsList.filters.never',
  idle: 'accountsList.filters.idle',
  otp: 'accountsList.filters.otp',
  fwd: 'accountsList.filters.forwarding',
  svc: 'accountsList.filters.service',
};

/** The account list: filters, search, sortable columns, one page of rows and the pager. */
export function AccountsTable({
  list,
  query,
  filters = {},
  refusedFilters = [],
  path,
  caller,
  t,
  selectable = false,
  bulk,
}: {
  list: AccountList;
  query: PageQuery<AccountSort>;
  /** The URL's filters (lib/accounts/list-filters.ts), kept by every link of the list. */
  filters?: AccountFilters;
  /** The URL's filter parameters that could not be used: said above the list. */
  refusedFilters?: AccountFilterParam[];
  path: string;
  caller: Caller;
  t: Translate;
  /** A checkbox per row for the bulk bar (components/accounts/bulk). */
  selectable?: boolean;
  /** The bulk bar: under the filters, next to the rows it acts on. */
  bulk?: ReactNode;
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
  const filterParams = accountFilterParams(filters);
  const filtered = Object.keys(filterParams).length > 0;
  return (
    <>
      {refusedFilters.length > 0 && <Alert tone="warning">{t('accountsList.filters.refused', { names: refusedFilters.map((param) => t(FILTER_NAMES[param])).join(', ') })}</Alert>}
      <AccountFiltersPanel
        path={path}
        params={filterParams}
        keep={{ q: query.q, sort: query.sort, dir: query.dir, size: query.pageSize !== PAGE_SIZES[0] ? query.pageSize : undefined }}
      />
      {bulk}
      <DataList
        caption={t('accountsList.listCaption')}
        columns={columns}
        rows={list.rows}
        body={<AccountRowsBody rowsJson={JSON.stringify(list.rows.map((row) => rowData(row, caller, f)))} selectable={selectable} />}
        t={t}
        paging={{ path, query, total: list.total, capped: list.totalCapped }}
        search={{ label: t('accountsList.searchLabel') }}
        filters={filterParams}
        empty={{ title: t('accountsList.empty') }}
        noMatch={filtered ? t('accountsList.filters.noMatch') : undefined}
      />
      {/* Rows reading Updating change by themselves once the mail servers are done: re-read until then. */}
      {list.rows.some((row) => row.status === 'updating') && <RefreshWhile active />}
    </>
  );
}
