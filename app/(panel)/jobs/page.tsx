import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/list-controls';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { formatDateTime } from '@/lib/format';
import { getT } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/translate';
import { listJobs } from '@/lib/jobs/list-jobs';
import { parsePageQuery } from '@/lib/pagination';
import { RetryButton } from './retry-button';
import { RetryStatusProvider } from './retry-status';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('jobs.title') };
}

const PATH = '/jobs';
const DOMAIN_WIDE = new Set(['kick-domain', 'delete-domain-mail']);

const stateClasses = {
  pending: 'bg-sky-50 text-sky-900',
  running: 'bg-amber-50 text-amber-900',
  failed: 'bg-red-50 text-red-900',
} as const;

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('jobs:read');
  const t = translator(caller.language);
  const paging = parsePageQuery(await searchParams, ['id'], 'id');
  const { rows, total } = await listJobs({ caller, page: paging.page, pageSize: paging.pageSize });
  const when = (date: Date) => formatDateTime(date, caller.language, caller.timeZone);
  const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

  return (
    <div className="space-y-6">
      <PageHeader title={t('jobs.title')} description={t('jobs.intro')} />
      {!process.env.MAIL_DOVEADM?.trim() && <Alert tone="info">{t('jobs.noMailHost')}</Alert>}
      <RetryStatusProvider>
        {rows.length === 0 ? (
          <EmptyState title={t('jobs.empty')} />
        ) : (
          <Table caption={t('jobs.listCaption')}>
            <thead>
              <tr>
                <Th>{t('jobs.columns.job')}</Th>
                <Th>{t('jobs.columns.target')}</Th>
                <Th>{t('jobs.columns.state')}</Th>
                <Th>{t('jobs.columns.error')}</Th>
                <Th>
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((job) => {
                const kind = t(`jobs.kinds.${job.kind}`);
                const target = DOMAIN_WIDE.has(job.kind) ? displayDomain(job.address) : displayAddress(job.address);
                return (
                  <tr key={job.id} className="align-top">
                    <Td className="min-w-44">
                      <span className="font-medium text-slate-900">{kind}</span>
                      <span className="block text-xs text-slate-600">
                        #{job.id} · {t('jobs.columns.created')} {when(job.createdAt)}
                      </span>
                    </Td>
                    <Td className="min-w-48 wrap-anywhere">
                      {job.mailboxId !== null ? (
                        <Link href={`/accounts/${job.mailboxId}`} className={linkClass}>
                          {target}
                        </Link>
                      ) : (
                        target
                      )}
                      <span className="block text-xs text-slate-600">
                        {t('jobs.columns.domain')}: {job.domainName ? displayDomain(job.domainName) : t('jobs.deletedDomain')}
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap">
                      <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${stateClasses[job.state as keyof typeof stateClasses] ?? ''}`}>
                        {t(`jobs.states.${job.state as keyof typeof stateClasses}`)}
                      </span>
                      <span className="block text-xs text-slate-600">{t('jobs.attempts', { count: job.attempts })}</span>
                      {job.state === 'pending' && job.runAfter > new Date() && (
                        <span className="block text-xs text-slate-600">{t('jobs.nextTry', { when: when(job.runAfter) })}</span>
                      )}
                    </Td>
                    <Td className="min-w-64">
                      {job.lastError ? <span className="font-mono text-xs wrap-anywhere text-slate-800">{job.lastError}</span> : t('jobs.noError')}
                    </Td>
                    <Td className="whitespace-nowrap">{job.state === 'failed' && <RetryButton id={job.id} label={t('jobs.retryLabel', { id: job.id, kind, target })} />}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </RetryStatusProvider>
      {total > 0 && <Pagination path={PATH} page={paging.page} pageSize={paging.pageSize} total={total} params={{}} t={t} />}
    </div>
  );
}
