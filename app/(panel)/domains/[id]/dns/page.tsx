import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { CopyValue } from '@/components/dns/copy-value';
import { DnsBadge } from '@/components/dns/record-status';
import { withPageMessages } from '@/components/page-messages';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import type { RecordCheck } from '@/lib/dns/compare';
import { getDomainDns } from '@/lib/dns/check-domain-dns';
import type { ExpectedRecord } from '@/lib/dns/records';
import { displayDomain } from '@/lib/domains/display-name';
import { formatDateTime } from '@/lib/format';
import { translator, type Translate } from '@/lib/i18n/translate';
import { pageFailure } from '@/lib/page-failure';
import { DkimKeyControls, DnsCheckButton, Ed25519KeyControls } from './dns-controls';

export const generateMetadata = titleMetadata('pageTitles.domainDns', 'domains:read');

function recordLabel(t: Translate, record: Pick<ExpectedRecord, 'kind' | 'selector'>): string {
  return t(`dns.kinds.${record.kind}`, { selector: record.selector ?? '' });
}

function checkOf(record: ExpectedRecord, results: RecordCheck[] | undefined): RecordCheck | undefined {
  return results?.find((r) => r.kind === record.kind && r.name === record.name && r.type === record.type);
}

/** One zone's records, each with what the last check found. */
function RecordList({ t, records, results }: { t: Translate; records: ExpectedRecord[]; results: RecordCheck[] | undefined }) {
  return (
    <ul className="mt-4 divide-y divide-slate-200">
      {records.map((record) => {
        const check = checkOf(record, results);
        const label = recordLabel(t, record);
        return (
          <li key={`${record.kind}-${record.name}`} className="space-y-2 py-4 first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium text-slate-900">{label}</h3>
              <span className="flex flex-wrap items-center gap-2">
                {record.keyState && <DnsBadge status="notChecked" label={t(`dns.keyStates.${record.keyState}`)} />}
                <DnsBadge status={check?.status ?? 'notChecked'} label={t(`dns.status.${check?.status ?? 'notChecked'}`)} />
              </span>
            </div>
            <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">
              <dt className="text-slate-600">{t('dns.name')}</dt>
              <dd className="font-mono break-all text-slate-900">{record.name}</dd>
              <dt className="text-slate-600">{t('dns.type')}</dt>
              <dd className="font-mono text-slate-900">{record.type}</dd>
              <dt className="text-slate-600">{t('dns.value')}</dt>
              <dd className="min-w-0 space-y-2">
                <code className="block rounded bg-slate-50 p-2 font-mono text-xs break-all text-slate-900">{record.value}</code>
                <CopyValue value={record.value} label={t('dns.copyValue', { record: label })} />
              </dd>
              {check && check.found.length > 0 && (
                <>
                  <dt className="text-slate-600">{t('dns.found')}</dt>
                  <dd className="min-w-0">
                    {check.found.map((value) => (
                      <code key={value} className="block rounded bg-red-50 p-2 font-mono text-xs break-all text-red-900">
                        {value}
                      </code>
                    ))}
                  </dd>
                </>
              )}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

async function DomainDnsPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('domains:read');
  const id = Number((await params).id);
  const dns = await getDomainDns({ caller, id }).catch(pageFailure);
  const t = translator(caller.language);
  const manage = can(caller, 'domains:update');
  const when = (date: Date) => formatDateTime(new Date(date), caller.language, caller.timeZone);
  const last = dns.lastCheck;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('dns.pageTitle', { name: displayDomain(dns.domain.name) })}
        actions={
          <Link href={`/domains/${dns.domain.id}`} className={buttonClasses('secondary')}>
            {t('dns.backToDomain')}
          </Link>
        }
      />
      <p className="text-sm text-slate-700">{t('dns.intro')}</p>

      <Card>
        <CardTitle>{t('dns.checkTitle')}</CardTitle>
        <CardDescription>
          {last ? `${t('dns.checkedAt', { when: when(last.checkedAt) })} ${t(last.status === 'ok' ? 'dns.checkAllOk' : 'dns.checkProblems')}` : t('dns.checkNever')}{' '}
          {t('dns.checkDaily')}
        </CardDescription>
        {manage && <DnsCheckButton id={dns.domain.id} />}
      </Card>

      <Card>
        <CardTitle>{t('dns.recordsTitle')}</CardTitle>
        <RecordList t={t} records={dns.records} results={last?.results} />
      </Card>

      {dns.aliasDomains.map((alias) => (
        <Card key={alias.name}>
          <CardTitle>{t('dns.aliasDomainTitle', { name: displayDomain(alias.name) })}</CardTitle>
          <CardDescription>{t('dns.aliasDomainIntro')}</CardDescription>
          <RecordList t={t} records={alias.records} results={last?.results} />
        </Card>
      ))}

      <Card>
        <CardTitle>{t('dns.dkim.title')}</CardTitle>
        <CardDescription>{t('dns.dkim.intro')}</CardDescription>
        {dns.keys.length === 0 ? (
          <p className="mt-4 text-sm text-slate-700">{t('dns.dkim.none')}</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {dns.keys.map((key) => (
              <li key={key.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono font-medium text-slate-900">{key.selector}</span>
                  <span className="text-slate-700">{t(`dns.dkim.algorithms.${key.algorithm}`)}</span>
                  <DnsBadge status={key.state === 'active' ? 'ok' : 'notChecked'} label={t(`dns.keyStates.${key.state}`)} />
                </div>
                <p className="mt-1 text-slate-700">
                  {t('dns.dkim.created')}: {when(key.createdAt)}
                  {key.state === 'retiring' && key.retireAfter && ` · ${t('dns.dkim.retireAfter')}: ${when(key.retireAfter)}`}
                </p>
              </li>
            ))}
          </ul>
        )}
        {manage && <DkimKeyControls id={dns.domain.id} hasKey={dns.keys.some((k) => k.algorithm === 'rsa')} hasPending={dns.keys.some((k) => k.algorithm === 'rsa' && k.state === 'pending')} />}
      </Card>

      <Card>
        <CardTitle>{t('dns.dkim.ed25519.title')}</CardTitle>
        <CardDescription>{t('dns.dkim.ed25519.intro')}</CardDescription>
        <p className="mt-4 text-sm text-slate-700">{t(dns.keys.some((k) => k.algorithm === 'ed25519' && k.state === 'active') ? 'dns.dkim.ed25519.on' : 'dns.dkim.ed25519.off')}</p>
        {manage && (
          <Ed25519KeyControls
            id={dns.domain.id}
            hasKey={dns.keys.some((k) => k.algorithm === 'ed25519' && k.state !== 'retiring')}
            hasPending={dns.keys.some((k) => k.algorithm === 'ed25519' && k.state === 'pending')}
            hasActive={dns.keys.some((k) => k.algorithm === 'ed25519' && k.state === 'active')}
          />
        )}
      </Card>
    </div>
  );
}

export default withPageMessages(DomainDnsPage, ['dns', 'pageTitles.domainDns']);
