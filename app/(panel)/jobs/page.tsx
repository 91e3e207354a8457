import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { DataList, type Column } from '@/components/list/data-list';
import { linkClass } from '@/components/list/link-class';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { formatDateTime } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { listJobs } from '@/lib/jobs/list-jobs';
import { parsePageQuery } from '@/lib/pagination';
import { RetryButton } from './retry-button';
import { RetryStatusProvider } from './retry-status';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('jobs.title', 'jobs:read');

const PATH = '/jobs';
const DOMAIN_WIDE = new Set(['kick-domain', 'delete-domain-mail']);

const stateClasses = {
  pending: 'bg-sky-50 text-sky-900',
  running: 'bg-amber-50 text-amber-900',
  failed: 'bg-red-50 text-red-900',
} as const;

type Job = Awaited<ReturnType<typeof listJobs>>['rows'][number];

async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('jobs:read');
  const t = translator(caller.language);
  const { page, pageSize } = parsePageQuery(await searchParams, ['id'], 'id');
  const { rows, total } = await listJobs({ caller, page, pageSize });
  const when = (date: Date) => formatDateTime(date, caller.language, caller.timeZone);
  const kind = (job: Job) => t(`jobs.kinds.${job.kind}`);
  const target = (job: Job) => (DOMAIN_WIDE.has(job.kind) ? displayDomain(job.address) : displayAddress(job.address));
  const columns: Column<Job>[] = [
    {
      key: 'job',
      label: t('jobs.columns.job'),
      className: 'min-w-44',
      cell: (job) => (
        <>
          <span className="font-medium text-slate-900">{kind(job)}</span>
          <span className="block text-xs text-slate-600">
            #{job.id} · {t('jobs.columns.created')} {when(job.createdAt)}
          </span>
        </>
      ),
    },
    {
      key: 'target',
      label: t('jobs.columns.target'),
      className: 'min-w-48 wrap-anywhere',
      cell: (job) => (
        <>
          {job.mailboxId !== null ? (
            <Link href={`/accounts/${job.mailboxId}`} className={linkClass}>
              {target(job)}
            </Link>
          ) : (
            target(job)
          )}
          <span className="block text-xs text-slate-600">
            {t('jobs.columns.domain')}: {job.domainName ? displayDomain(job.domainName) : t('jobs.deletedDomain')}
          </span>
        </>
      ),
    },
    {
      key: 'state',
      label: t('jobs.columns.state'),
      className: 'whitespace-nowrap',
      cell: (job) => (
        <>
          <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${stateClasses[job.state as keyof typeof stateClasses] ?? ''}`}>
            {t(`jobs.states.${job.state as keyof typeof stateClasses}`)}
          </span>
          <span className="block text-xs text-slate-600">{t('jobs.attempts', { count: job.attempts })}</span>
          {job.state === 'pending' && job.runAfter > new Date() && (
            <span className="block text-xs text-slate-600">{t('jobs.nextTry', { when: when(job.runAfter) })}</span>
          )}
        </>
      ),
    },
    {
      key: 'error',
      label: t('jobs.columns.error'),
      className: 'min-w-64',
      cell: (job) => (job.lastError ? <span className="font-mono text-xs wrap-anywhere text-slate-800">{job.lastError}</span> : t('jobs.noError')),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      className: 'whitespace-nowrap',
      cell: (job) =>
        job.state === 'failed' && <RetryButton id={job.id} label={t('jobs.retryLabel', { id: job.id, kind: kind(job), target: target(job) })} />,
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader title={t('jobs.title')} description={t('jobs.intro')} />
      {!process.env.MAIL_DOVEADM?.trim() && <Alert tone="info">{t('jobs.noMailHost')}</Alert>}
      <RetryStatusProvider>
        <DataList
          caption={t('jobs.listCaption')}
          columns={columns}
          rows={rows}
          rowClassName="align-top"
          t={t}
          paging={{ path: PATH, query: { page, pageSize }, total }}
          empty={{ title: t('jobs.empty') }}
        />
      </RetryStatusProvider>
    </div>
  );
}

export default withPageMessages(JobsPage, ['jobs']);
