import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, SearchForm, SortHeader } from '@/components/ui/list-controls';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge, Table, Td } from '@/components/ui/table';
import { POSTMASTER_SORTS } from '@/db/queries/postmasters';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { listPostmasters } from '@/lib/postmasters/list-postmasters';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('pageTitles.postmasters') };
}

const PATH = '/postmasters';

export default async function PostmastersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('postmasters:read');
  const t = translator(caller.language);
  const query = parsePageQuery(await searchParams, POSTMASTER_SORTS, 'domain');
  const { rows, total } = await listPostmasters({ caller, query });
  const header = (column: (typeof POSTMASTER_SORTS)[number], label: string) => (
    <SortHeader path={PATH} column={column} label={label} query={query} params={{ q: query.q }} t={t} />
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t('postmasters.title')} description={t('postmasters.intro')} />
      <SearchForm path={PATH} q={query.q} label={t('postmasters.searchLabel')} t={t} hidden={{ sort: query.sort, dir: query.dir }} />
      {rows.length === 0 ? (
        <EmptyState title={query.q ? t('common.noResults') : t('postmasters.empty')} />
      ) : (
        <Table caption={t('postmasters.listCaption')}>
          <thead>
            <tr>
              {header('status', t('postmasters.columns.status'))}
              {header('domain', t('postmasters.columns.domain'))}
              {header('address', t('postmasters.columns.address'))}
              {header('storage', t('postmasters.columns.storage'))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                <Td>
                  <StatusBadge active={row.active} label={row.active ? t('postmasters.online') : t('postmasters.offline')} />
                </Td>
                <Td>{displayDomain(row.domainName)}</Td>
                <Td>
                  <Link href={`${PATH}/${row.id}`} className="font-medium text-indigo-700 underline-offset-4 hover:underline">
                    {displayAddress(row.address)}
                  </Link>
                </Td>
                <Td>{t('postmasters.usedOf', { used: formatBytes(row.usedBytes, caller.language), max: formatBytes(row.quotaBytes, caller.language) })}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination path={PATH} page={query.page} pageSize={query.pageSize} total={total} params={{ q: query.q, sort: query.sort, dir: query.dir }} t={t} />
    </div>
  );
}
