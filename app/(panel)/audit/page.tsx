import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/list-controls';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th } from '@/components/ui/table';
import { auditActionLabel } from '@/lib/audit/action-labels';
import { listAudit } from '@/lib/audit/list-audit';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { formatDateTime } from '@/lib/format';
import { translator, type Translate } from '@/lib/i18n/translate';
import { parsePageQuery } from '@/lib/pagination';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('pageTitles.audit') };
}

const PATH = '/audit';
const filterText = z.string().trim().max(254).catch('');

function Changes({ details, t }: { details: unknown; t: Translate }) {
  const d = details as { before?: Record<string, unknown>; after?: Record<string, unknown> } | null;
  if (!d?.after || !d.before) return null;
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
      {Object.keys(d.after).map((field) => (
        <li key={field}>{t('audit.change', { field, before: show(d.before?.[field]), after: show(d.after?.[field]) })}</li>
      ))}
    </ul>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('audit:read');
  const t = translator(caller.language);
  const params = await searchParams;
  const paging = parsePageQuery(params, ['at'], 'at');
  const domain = filterText.parse(params.domain ?? '');
  const actor = filterText.parse(params.actor ?? '');
  const { rows, total } = await listAudit({ caller, query: { ...paging, domain, actor } });
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
      {rows.length === 0 ? (
        <EmptyState title={domain || actor ? t('common.noResults') : t('audit.empty')} />
      ) : (
        <Table caption={t('audit.listCaption')}>
          <thead>
            <tr>
              <Th>{t('audit.columns.at')}</Th>
              <Th>{t('audit.columns.actor')}</Th>
              <Th>{t('audit.columns.action')}</Th>
              <Th>{t('audit.columns.domain')}</Th>
              <Th>{t('audit.columns.ip')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="align-top">
                <Td className="whitespace-nowrap">{formatDateTime(row.at, caller.language, caller.timeZone)}</Td>
                <Td>{row.actorLabel}</Td>
                <Td>
                  <span title={row.action}>{auditActionLabel(row.action, caller.language)}</span>{' '}
                  <span className="text-slate-700">{row.targetLabel}</span>
                  <Changes details={row.details} t={t} />
                </Td>
                <Td>{row.domainName ? displayDomain(row.domainName) : '—'}</Td>
                <Td className="font-mono text-xs">{row.ip ?? '—'}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination path={PATH} page={paging.page} pageSize={paging.pageSize} total={total} params={{ domain, actor }} t={t} />
    </div>
  );
}
