import Link from 'next/link';
import { DataList, type Column } from '@/components/list/data-list';
import { linkClass } from '@/components/list/link-class';
import { StatusBadge } from '@/components/ui/table';
import type { AliasSort } from '@/db/queries/aliases';
import type { AliasList, AliasListRow } from '@/lib/aliases/list-aliases';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import type { Translate } from '@/lib/i18n/translate';
import type { PageQuery } from '@/lib/pagination';

/** Targets shown in a row before "and N more" (the alias's page lists them all). */
const SHOWN_TARGETS = 3;

function targetsText(targets: string[], t: Translate): string {
  const shown = targets.slice(0, SHOWN_TARGETS).map(displayAddress).join(', ');
  return targets.length > SHOWN_TARGETS ? t('aliases.moreTargets', { shown, count: targets.length - SHOWN_TARGETS }) : shown;
}

/** The alias list of one domain or of every domain (`showDomain`), through the project's DataList. */
export function AliasesTable({ list, query, path, showDomain, t }: { list: AliasList; query: PageQuery<AliasSort>; path: string; showDomain: boolean; t: Translate }) {
  const columns: Column<AliasListRow, AliasSort>[] = [
    {
      key: 'address',
      label: t('aliases.columns.address'),
      sort: 'address',
      className: 'wrap-anywhere',
      cell: (row) => (
        <Link href={`/aliases/${row.id}`} className={linkClass}>
          {displayAddress(row.address)}
        </Link>
      ),
    },
    ...(showDomain ? [{ key: 'domain', label: t('aliases.columns.domain'), className: 'wrap-anywhere', cell: (row: AliasListRow) => displayDomain(row.domainName) }] : []),
    {
      key: 'targets',
      label: t('aliases.columns.targets'),
      className: 'wrap-anywhere',
      cell: (row) => (
        <>
          {targetsText(row.targets, t)}
          {row.senders !== 'anyone' && <span className="block text-xs text-slate-600">{t(`aliases.sendersRule.${row.senders}`)}</span>}
        </>
      ),
    },
    // On a phone the address, targets and status fit; the description is on the alias's page.
    {
      key: 'description',
      label: t('aliases.columns.description'),
      sort: 'description',
      headerClassName: 'hidden md:table-cell',
      className: 'hidden md:table-cell wrap-anywhere',
      cell: (row) => row.description,
    },
    {
      key: 'status',
      label: t('aliases.columns.status'),
      sort: 'status',
      cell: (row) => <StatusBadge active={row.receiving} label={row.active ? t('common.active') : t('common.inactive')} />,
    },
  ];
  return (
    <DataList
      caption={t('aliases.listCaption')}
      columns={columns}
      rows={list.rows}
      t={t}
      paging={{ path, query, total: list.total, capped: list.totalCapped }}
      search={{ label: t('aliases.searchLabel') }}
      empty={{ title: t('aliases.empty') }}
    />
  );
}
