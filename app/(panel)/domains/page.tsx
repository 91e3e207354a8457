import Link from 'next/link';
import { redirect } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { DataList, type Column } from '@/components/list/data-list';
import { DomainDnsBadge } from '@/components/dns/record-status';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { DOMAIN_SORTS, type DomainSort } from '@/db/queries/domains';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { listDomains } from '@/lib/domains/list-domains';
import { formatBytes, formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { paramText, readSearchParam } from '@/lib/validations/url-params';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.domains', 'domains:read');

const PATH = '/domains';
// The name of a domain just deleted, for the notice (anything else is not shown).
const deletedName = paramText().max(253);

type DomainListRow = Awaited<ReturnType<typeof listDomains>>['rows'][number];

async function DomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('domains:read');
  // A postmaster has one domain: it lands straight on it.
  if (caller.kind === 'mailbox') redirect(`${PATH}/${caller.domainId}`);
  const t = translator(caller.language);
  const search = await searchParams;
  const query = parsePageQuery(search, DOMAIN_SORTS, 'name');
  const deleted = readSearchParam(search, 'deleted', deletedName, null).value;
  const { rows, total } = await listDomains({ caller, query });
  const columns: Column<DomainListRow, DomainSort>[] = [
    {
      key: 'status',
      label: t('domains.columns.status'),
      sort: 'status',
      cell: (row) => <StatusBadge active={row.active} label={row.active ? t('common.active') : t('common.inactive')} />,
    },
    {
      key: 'name',
      label: t('domains.columns.name'),
      sort: 'name',
      cell: (row) => (
        <>
          <Link href={`${PATH}/${row.id}`} className="font-medium text-indigo-700 underline-offset-4 hover:underline">
            {displayDomain(row.name)}
          </Link>
          {caller.role === 'superadmin' && <div className="text-xs text-slate-600">{row.ownerEmail}</div>}
        </>
      ),
    },
    { key: 'plan', label: t('domains.columns.plan'), sort: 'plan', cell: (row) => row.planName },
    {
      key: 'dns',
      label: t('dns.title'),
      cell: (row) => (
        <Link href={`${PATH}/${row.id}/dns`} className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          <DomainDnsBadge status={row.dnsStatus} language={caller.language} />
        </Link>
      ),
    },
    {
      key: 'accounts',
      label: t('domains.columns.accounts'),
      sort: 'accounts',
      cell: (row) => t('domains.usedOf', { used: formatNumber(row.accounts, caller.language), max: formatNumber(row.maxAccounts, caller.language) }),
    },
    {
      key: 'storage',
      label: t('domains.columns.storage'),
      sort: 'storage',
      cell: (row) =>
        t('domains.usedOf', { used: formatBytes(row.allocated, caller.language), max: formatBytes(row.domainStorageBytes, caller.language) }),
    },
  ];

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
      <DataList
        caption={t('domains.listCaption')}
        columns={columns}
        rows={rows}
        t={t}
        paging={{ path: PATH, query, total }}
        search={{ label: t('domains.searchLabel') }}
        empty={{ title: t('domains.empty') }}
      />
    </div>
  );
}

export default withPageMessages(DomainsPage, ['dns.badgeNever', 'dns.badgeOk', 'dns.badgeProblems', 'dns.title', 'domains', 'pageTitles.domains']);
