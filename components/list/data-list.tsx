import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, Td, Th } from '@/components/ui/table';
import type { Translate } from '@/lib/i18n/translate';
import { PAGE_SIZES } from '@/lib/pagination';
import { Pagination, SearchForm, SortHeader } from './list-controls';

/** One column: its header, how it sorts (if it does) and how a row shows in it. */
export type Column<Row, S extends string = string> = {
  /** Unique within the list: React's key for the header and the cells. */
  key: string;
  label: string;
  /** The header is for screen readers only (an actions column). */
  hideLabel?: boolean;
  /** Clicking the header sorts the list by this (the URL's `sort`). */
  sort?: S;
  headerClassName?: string;
  className?: string;
  /** Left out when the list writes its own rows (`body`). */
  cell?: (row: Row) => ReactNode;
};

/**
 * What the URL says about a list (lib/pagination's PageQuery; `q`, `sort` and `dir` where the list has them;
 * `refused` when its search or a filter could not be used: the list shows everything and says so).
 */
export type ListQuery<S extends string = string> = { page: number; pageSize: number; q?: string; sort?: S; dir?: 'asc' | 'desc'; refused?: boolean };

export type DataListProps<Row extends { id: number | string }, S extends string> = {
  /** The table's accessible name. */
  caption: string;
  columns: Column<Row, S>[];
  rows: Row[];
  /** Added to every row's classes. */
  rowClassName?: string;
  /** A <tbody> the list writes itself instead of the columns' cells. */
  body?: ReactNode;
  t: Translate;
  /**
   * A list longer than a page: its page's path (where every search, sort and page link leads), the query read
   * from the URL, and the rows matched on all pages (the pager's total; `capped`: more than that). Omitted:
   * everything on one page.
   */
  paging?: { path: string; query: ListQuery<S>; total: number; capped?: boolean };
  /** A search box (the URL's `q`) with this label; needs `paging`. */
  search?: { label: string };
  /** The page's own filters (the audit's domain and actor): the pager keeps them; set, "no match" is shown. */
  filters?: Record<string, string>;
  /** When there is nothing at all (a first-run hint, a button). */
  empty: { title: string; children?: ReactNode };
  /** When a search or filter matches nothing (default: common.noResults). */
  noMatch?: string;
};

type Params = Record<string, string | number | undefined>;

/**
 * A list page's list: search box, table with sortable headers, empty state, pager with the total. Its state
 * lives in the URL (q, sort, dir, page, size and the page's filters), so every view is a plain link and works
 * without JavaScript. The rows are the page's query (lib/<entity>/list-*.ts).
 */
export function DataList<Row extends { id: number | string }, S extends string = string>(props: DataListProps<Row, S>) {
  const { caption, columns, rows, rowClassName, body, t, paging, search, filters = {}, empty, noMatch } = props;
  const query = paging?.query;
  const sortable = query?.sort !== undefined && query.dir !== undefined;
  // What the links keep: a new sort or search starts at page 1; the pager keeps the search and the sort.
  const size = query && query.pageSize !== PAGE_SIZES[0] ? query.pageSize : undefined;
  const searched: Params = { ...filters, q: search ? query?.q : undefined };
  const sorted: Params = sortable && columns.some((column) => column.sort) ? { sort: query.sort, dir: query.dir } : {};
  const matching = Object.values(searched).some(Boolean);

  return (
    <>
      {query?.refused && <Alert tone="warning">{t('common.searchRefused')}</Alert>}
      {paging && search && <SearchForm path={paging.path} q={query?.q ?? ''} label={search.label} t={t} hidden={{ ...filters, ...sorted, size }} />}
      {rows.length === 0 ? (
        // Past the last page, or nothing matches, or nothing there.
        (paging?.total ?? 0) > 0 ? (
          <EmptyState title={t('common.noResults')} />
        ) : matching ? (
          <EmptyState title={noMatch ?? t('common.noResults')} />
        ) : (
          <EmptyState title={empty.title}>{empty.children}</EmptyState>
        )
      ) : (
        <Table caption={caption}>
          <thead>
            <tr>
              {columns.map((column) =>
                paging && sortable && column.sort ? (
                  <SortHeader
                    key={column.key}
                    path={paging.path}
                    column={column.sort}
                    label={column.label}
                    query={{ sort: query.sort!, dir: query.dir! }}
                    params={{ ...searched, size }}
                    t={t}
                    className={column.headerClassName}
                  />
                ) : (
                  <Th key={column.key} className={column.headerClassName}>
                    {column.hideLabel ? <span className="sr-only">{column.label}</span> : column.label}
                  </Th>
                ),
              )}
            </tr>
          </thead>
          {body ?? (
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className={['hover:bg-slate-50', rowClassName].filter(Boolean).join(' ')}>
                  {columns.map((column) => (
                    <Td key={column.key} className={column.className}>
                      {column.cell?.(row)}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          )}
        </Table>
      )}
      {paging && paging.total > 0 && (
        <Pagination path={paging.path} page={paging.query.page} pageSize={paging.query.pageSize} total={paging.total} capped={paging.capped} params={{ ...searched, ...sorted }} t={t} />
      )}
    </>
  );
}
