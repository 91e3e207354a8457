import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, SearchForm, SortHeader } from '@/components/ui/list-controls';
import { Table, Th } from '@/components/ui/table';
import { ACCOUNT_SORTS, type AccountSort } from '@/db/queries/accounts';
import type { AccountList } from '@/lib/accounts/list-accounts';
import { listFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import type { Translate } from '@/lib/i18n/translate';
import type { PageQuery } from '@/lib/pagination';
import { rowsHtml, rowView } from './account-rows';
import { ROW_MENU_STYLES } from './row-menu';

// The rows use bare elements styled once from <tbody> (ROW_STYLES): a page has up to 100 rows, and every
// class repeated on every cell would be sent twice (HTML and the React payload) and rendered each time.
const ROW_STYLES = [
  'divide-y divide-slate-100',
  '[&_tr:hover]:bg-slate-50 [&_td]:px-4 [&_td]:py-3 [&_td]:align-top [&_td]:text-slate-800',
  '[&_td>a]:font-medium [&_td>a]:wrap-break-word [&_td>a]:text-indigo-700 [&_td>a]:no-underline [&_td>a]:underline-offset-4 [&_td>a:hover]:underline',
  '[&_td>small]:block [&_td>small]:text-xs [&_td>small]:wrap-anywhere [&_td>small]:text-slate-600',
  // Status: a dot and the word.
  '[&_[data-s]]:inline-flex [&_[data-s]]:items-center [&_[data-s]]:gap-1.5 [&_[data-s]]:rounded-full [&_[data-s]]:px-2 [&_[data-s]]:py-0.5',
  "[&_[data-s]]:text-xs [&_[data-s]]:font-medium [&_[data-s]]:whitespace-nowrap [&_[data-s]]:before:size-1.5 [&_[data-s]]:before:rounded-full [&_[data-s]]:before:content-['']",
  '[&_[data-s=online]]:bg-emerald-50 [&_[data-s=online]]:text-emerald-800 [&_[data-s=online]]:before:bg-emerald-600',
  '[&_[data-s=offline]]:bg-slate-100 [&_[data-s=offline]]:text-slate-700 [&_[data-s=offline]]:before:bg-slate-500',
  '[&_[data-s=updating]]:bg-amber-50 [&_[data-s=updating]]:text-amber-900 [&_[data-s=updating]]:before:bg-amber-600',
  '[&_[data-pm]]:ml-2 [&_[data-pm]]:rounded-full [&_[data-pm]]:bg-indigo-50 [&_[data-pm]]:px-2 [&_[data-pm]]:py-0.5 [&_[data-pm]]:text-xs [&_[data-pm]]:font-medium [&_[data-pm]]:text-indigo-800',
  // Storage: the text, and a bar filled to the share used (--used), red from 90 %.
  '[&_[data-bar]]:mt-1 [&_[data-bar]]:block [&_[data-bar]]:h-1 [&_[data-bar]]:w-24 [&_[data-bar]]:rounded-full',
  '[&_[data-bar]]:bg-[linear-gradient(to_right,var(--bar)_var(--used),var(--color-slate-200)_var(--used))]',
  '[&_[data-bar]]:[--bar:var(--color-indigo-600)] [&_span[data-bar=full]]:[--bar:var(--color-red-600)]',
  '[&_[data-never]]:text-slate-600',
  ROW_MENU_STYLES,
].join(' ');

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
          {/* The rows are one string of escaped HTML (account-rows.ts), far cheaper to render than elements. */}
          <tbody className={ROW_STYLES} dangerouslySetInnerHTML={{ __html: rowsHtml(list.rows.map((row) => rowView(row, caller, t, f))) }} />
        </Table>
      )}
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
