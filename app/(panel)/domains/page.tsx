import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, SearchForm, SortHeader } from '@/components/ui/list-controls';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge, Table, Td } from '@/components/ui/table';
import { DOMAIN_SORTS } from '@/db/queries/domains';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { listDomains } from '@/lib/domains/list-domains';
import { formatBytes, formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('pageTitles.domains') };
}

const PATH = '/domains';

export default async function DomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('domains:read');
  // A postmaster has one domain: it lands straight on it.
  if (caller.kind === 'mailbox') redirect(`${PATH}/${caller.domainId}`);
  const t = translator(caller.language);
  const search = await searchParams;
  const query = parsePageQuery(search, DOMAIN_SORTS, 'name');
  const deleted = typeof search.deleted === 'string' ? search.deleted.slice(0, 253) : null;
  const { rows, total } = await listDomains({ caller, query });
  const params = { q: query.q, sort: query.sort, dir: query.dir };
  const header = (column: (typeof DOMAIN_SORTS)[number], label: string) => (
    <SortHeader path={PATH} column={column} label={label} query={query} params={{ q: query.q }} t={t} />
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('domains.title')}
        description={t('domains.intro')}
        actions={
          can(caller, 'domains:create') && (
            <Link href="/domains/new" className={buttonClasses('primary')}>
              + {t('domains.add')}
            </Link>
          )
        }
      />
      {deleted && <Alert tone="success">{t('domains.deleted', { name: deleted })}</Alert>}
      <SearchForm path={PATH} q={query.q} label={t('domains.searchLabel')} t={t} hidden={{ sort: query.sort, dir: query.dir }} />
      {rows.length === 0 ? (
        <EmptyState title={query.q ? t('common.noResults') : t('domains.empty')} />
      ) : (
        <Table caption={t('domains.listCaption')}>
          <thead>
            <tr>
              {header('status', t('domains.columns.status'))}
              {header('name', t('domains.columns.name'))}
              {header('plan', t('domains.columns.plan'))}
              {header('accounts', t('domains.columns.accounts'))}
              {header('storage', t('domains.columns.storage'))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                <Td>
                  <StatusBadge active={row.active} label={row.active ? t('common.active') : t('common.inactive')} />
                </Td>
                <Td>
                  <Link href={`${PATH}/${row.id}`} className="font-medium text-indigo-700 underline-offset-4 hover:underline">
                    {displayDomain(row.name)}
                  </Link>
                  {caller.role === 'superadmin' && <div className="text-xs text-slate-600">{row.ownerEmail}</div>}
                </Td>
                <Td>{row.planName}</Td>
                <Td>{t('domains.usedOf', { used: formatNumber(row.accounts, caller.language), max: formatNumber(row.maxAccounts, caller.language) })}</Td>
                <Td>
                  {t('domains.usedOf', {
                    used: formatBytes(row.allocated, caller.language),
                    max: formatBytes(row.domainStorageBytes, caller.language),
                  })}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination path={PATH} page={query.page} pageSize={query.pageSize} total={total} params={params} t={t} />
    </div>
  );
}
