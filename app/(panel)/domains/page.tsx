import Link from 'next/link';
import { redirect } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { DataList, type Column } from '@/components/list/data-list';
import { domainRowData, type DomainListRow } from '@/components/domains/domain-rows';
import { DomainRowsBody } from '@/components/domains/domain-rows-body';
import { PageHeader } from '@/components/ui/page-header';
import { DOMAIN_SORTS, type DomainSort } from '@/db/queries/domains';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listDomains } from '@/lib/domains/list-domains';
import { translator } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { paramText, readSearchParam } from '@/lib/validations/url-params';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.domains', 'domains:read');

const PATH = '/domains';
// The name of a domain just deleted, for the notice (anything else is not shown).
const deletedName = paramText().max(253);

async function DomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('domains:read');
  // A postmaster has one domain: it lands straight on it.
  if (caller.kind === 'mailbox') redirect(`${PATH}/${caller.domainId}`);
  const t = translator(caller.language);
  const search = await searchParams;
  const query = parsePageQuery(search, DOMAIN_SORTS, 'name');
  const deleted = readSearchParam(search, 'deleted', deletedName, null).value;
  const { rows, total } = await listDomains({ caller, query });
  // The rows are written by <DomainRowsBody> (why: components/domains/domain-rows.ts); the columns give the headers.
  const columns: Column<DomainListRow, DomainSort>[] = [
    { key: 'status', label: t('domains.columns.status'), sort: 'status' },
    { key: 'name', label: t('domains.columns.name'), sort: 'name' },
    { key: 'plan', label: t('domains.columns.plan'), sort: 'plan' },
    { key: 'dns', label: t('dns.title') },
    { key: 'accounts', label: t('domains.columns.accounts'), sort: 'accounts' },
    { key: 'storage', label: t('domains.columns.storage'), sort: 'storage' },
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
        body={<DomainRowsBody rowsJson={JSON.stringify(rows.map((row) => domainRowData(row, caller.language, caller.role === 'superadmin')))} />}
        t={t}
        paging={{ path: PATH, query, total }}
        search={{ label: t('domains.searchLabel') }}
        empty={{ title: t('domains.empty') }}
      />
    </div>
  );
}

export default withPageMessages(DomainsPage, ['dns.badgeNever', 'dns.badgeOk', 'dns.badgeProblems', 'dns.title', 'domains', 'pageTitles.domains']);
