import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { DataList, type Column } from '@/components/list/data-list';
import { PageHeader } from '@/components/ui/page-header';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { auditFieldLabel, auditValue } from '@/lib/audit/field-labels';
import { listAudit } from '@/lib/audit/list-audit';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { formatDateTime } from '@/lib/format';
import { translator, type Translate } from '@/lib/i18n/translate';
import type { Language } from '@/lib/mail/services';
import { parsePageQuery } from '@/lib/pagination';
import { paramText, readSearchParam } from '@/lib/validations/url-params';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.audit', 'audit:read');

const PATH = '/audit';
type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];

const filterText = paramText().trim().max(254);

function Changes({ details, t, language }: { details: unknown; t: Translate; language: Language }) {
  const d = details as { before?: Record<string, unknown>; after?: Record<string, unknown> } | null;
  if (!d?.after || !d.before) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs wrap-anywhere text-slate-600">
      {Object.keys(d.after).map((field) => (
        <li key={field}>
          {t('audit.change', {
            field: auditFieldLabel(field, language),
            before: auditValue(field, d.before?.[field], language),
            after: auditValue(field, d.after?.[field], language),
          })}
        </li>
      ))}
    </ul>
  );
}

async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('audit:read');
  const t = translator(caller.language);
  const params = await searchParams;
  const paging = parsePageQuery(params, ['at'], 'at');
  const domainParam = readSearchParam(params, 'domain', filterText, '');
  const actorParam = readSearchParam(params, 'actor', filterText, '');
  const [domain, actor] = [domainParam.value, actorParam.value];
  const refused = domainParam.refused || actorParam.refused;
  const { rows, total } = await listAudit({ caller, query: { ...paging, domain, actor } });
  const columns: Column<AuditRow>[] = [
    { key: 'at', label: t('audit.columns.at'), className: 'whitespace-nowrap', cell: (row) => formatDateTime(row.at, caller.language, caller.timeZone) },
    { key: 'actor', label: t('audit.columns.actor'), cell: (row) => row.actorLabel },
    {
      key: 'action',
      label: t('audit.columns.action'),
      cell: (row) => (
        <>
          <span title={row.action}>{auditActionLabel(row.action, caller.language)}</span> <span className="text-slate-700">{row.targetLabel}</span>
          <Changes details={row.details} t={t} language={caller.language} />
        </>
      ),
    },
    { key: 'domain', label: t('audit.columns.domain'), cell: (row) => (row.domainName ? displayDomain(row.domainName) : '—') },
    { key: 'ip', label: t('audit.columns.ip'), className: 'font-mono text-xs', cell: (row) => row.ip ?? '—' },
  ];
  const input = 'min-h-10 rounded-md border border-slate-500 bg-white px-3 py-2 text-sm';

  return (
    <div className="space-y-6">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <form action={PATH} method="get" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-900">
          {t('audit.filterDomain')}
          <input name="domain" defaultValue={domain} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-900">
          {t('audit.filterActor')}
          <input name="actor" defaultValue={actor} className={input} />
        </label>
        <button type="submit" className="min-h-10 rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800">
          {t('audit.filter')}
        </button>
        {(domain || actor) && (
          <Link href={PATH} className="min-h-10 px-2 py-2 text-sm font-medium text-indigo-700 underline underline-offset-4">
            {t('audit.clear')}
          </Link>
        )}
      </form>
      <DataList
        caption={t('audit.listCaption')}
        columns={columns}
        rows={rows}
        rowClassName="align-top"
        t={t}
        paging={{ path: PATH, query: { page: paging.page, pageSize: paging.pageSize, refused }, total }}
        filters={{ domain, actor }}
        empty={{ title: t('audit.empty') }}
      />
    </div>
  );
}

export default withPageMessages(AuditPage, ['accounts', 'audit', 'domains.errors', 'pageTitles.audit']);
