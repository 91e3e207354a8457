import { titleMetadata } from '@/app/title-metadata';
import { DataList, type Column } from '@/components/list/data-list';
import { PageHeader } from '@/components/ui/page-header';
import { postmasterRowData, type PostmasterListRow } from '@/components/postmasters/postmaster-rows';
import { PostmasterRowsBody } from '@/components/postmasters/postmaster-rows-body';
import { POSTMASTER_SORTS, type PostmasterSort } from '@/db/queries/postmasters';
import { requirePermission } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { listPostmasters } from '@/lib/postmasters/list-postmasters';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.postmasters', 'postmasters:read');

const PATH = '/postmasters';

async function PostmastersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('postmasters:read');
  const t = translator(caller.language);
  const query = parsePageQuery(await searchParams, POSTMASTER_SORTS, 'domain');
  const { rows, total } = await listPostmasters({ caller, query });
  // The rows are written by <PostmasterRowsBody> (why: components/postmasters/postmaster-rows.ts).
  const columns: Column<PostmasterListRow, PostmasterSort>[] = [
    { key: 'status', label: t('postmasters.columns.status'), sort: 'status' },
    { key: 'domain', label: t('postmasters.columns.domain'), sort: 'domain' },
    { key: 'address', label: t('postmasters.columns.address'), sort: 'address' },
    { key: 'storage', label: t('postmasters.columns.storage'), sort: 'storage' },
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={t('postmasters.title')} description={t('postmasters.intro')} />
      <DataList
        caption={t('postmasters.listCaption')}
        columns={columns}
        rows={rows}
        body={<PostmasterRowsBody rowsJson={JSON.stringify(rows.map((row) => postmasterRowData(row, caller.language)))} />}
        t={t}
        paging={{ path: PATH, query, total }}
        search={{ label: t('postmasters.searchLabel') }}
        empty={{ title: t('postmasters.empty') }}
      />
    </div>
  );
}

export default withPageMessages(PostmastersPage, ['domains.errors', 'pageTitles.postmasters', 'postmasters']);
