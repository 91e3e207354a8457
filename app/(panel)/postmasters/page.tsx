import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { DataList, type Column } from '@/components/list/data-list';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { POSTMASTER_SORTS, type PostmasterSort } from '@/db/queries/postmasters';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { listPostmasters } from '@/lib/postmasters/list-postmasters';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.postmasters', 'postmasters:read');

const PATH = '/postmasters';

type PostmasterListRow = Awaited<ReturnType<typeof listPostmasters>>['rows'][number];

async function PostmastersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('postmasters:read');
  const t = translator(caller.language);
  const query = parsePageQuery(await searchParams, POSTMASTER_SORTS, 'domain');
  const { rows, total } = await listPostmasters({ caller, query });
  const columns: Column<PostmasterListRow, PostmasterSort>[] = [
    {
      key: 'status',
      label: t('postmasters.columns.status'),
      sort: 'status',
      cell: (row) => <StatusBadge active={row.active} label={row.active ? t('postmasters.online') : t('postmasters.offline')} />,
    },
    { key: 'domain', label: t('postmasters.columns.domain'), sort: 'domain', cell: (row) => displayDomain(row.domainName) },
    {
      key: 'address',
      label: t('postmasters.columns.address'),
      sort: 'address',
      cell: (row) => (
        <Link href={`${PATH}/${row.id}`} className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          {displayAddress(row.address)}
        </Link>
      ),
    },
    {
      key: 'storage',
      label: t('postmasters.columns.storage'),
      sort: 'storage',
      cell: (row) => t('postmasters.usedOf', { used: formatBytes(row.usedBytes, caller.language), max: formatBytes(row.quotaBytes, caller.language) }),
    },
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={t('postmasters.title')} description={t('postmasters.intro')} />
      <DataList
        caption={t('postmasters.listCaption')}
        columns={columns}
        rows={rows}
        t={t}
        paging={{ path: PATH, query, total }}
        search={{ label: t('postmasters.searchLabel') }}
        empty={{ title: t('postmasters.empty') }}
      />
    </div>
  );
}

export default withPageMessages(PostmastersPage, ['domains.errors', 'pageTitles.postmasters', 'postmasters']);
