import { DataList, type Column } from '@/components/list/data-list';
import type { AliasSort } from '@/db/queries/aliases';
import type { AliasList, AliasListRow } from '@/lib/aliases/list-aliases';
import type { Translate } from '@/lib/i18n/translate';
import type { PageQuery } from '@/lib/pagination';
import { aliasRowData } from './alias-rows';
import { AliasRowsBody } from './alias-rows-body';

/** The alias list of one domain or of every domain (`showDomain`), through the project's DataList. */
export function AliasesTable({ list, query, path, showDomain, t }: { list: AliasList; query: PageQuery<AliasSort>; path: string; showDomain: boolean; t: Translate }) {
  // The rows are written by <AliasRowsBody> (why: alias-rows.ts); the columns give the headers.
  const columns: Column<AliasListRow, AliasSort>[] = [
    { key: 'address', label: t('aliases.columns.address'), sort: 'address' },
    ...(showDomain ? [{ key: 'domain', label: t('aliases.columns.domain') }] : []),
    { key: 'targets', label: t('aliases.columns.targets') },
    { key: 'description', label: t('aliases.columns.description'), sort: 'description', headerClassName: 'hidden md:table-cell' },
    { key: 'status', label: t('aliases.columns.status'), sort: 'status' },
  ];
  return (
    <DataList
      caption={t('aliases.listCaption')}
      columns={columns}
      rows={list.rows}
      body={<AliasRowsBody rowsJson={JSON.stringify(list.rows.map((row) => aliasRowData(row, showDomain)))} />}
      t={t}
      paging={{ path, query, total: list.total, capped: list.totalCapped }}
      search={{ label: t('aliases.searchLabel') }}
      empty={{ title: t('aliases.empty') }}
    />
  );
}
