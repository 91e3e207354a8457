import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { DomainGlance, PostmasterRights } from '@/components/domains/domain-glance';
import { Card, CardTitle } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { getPostmasterOfDomain } from '@/db/queries/mailboxes';
import { getDb } from '@/db';
import { can, canOnDomain } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { getDomainGlance } from '@/lib/domains/domain-glance';

import { formatBytes } from '@/lib/format';
import { serviceFlags, SERVICES } from '@/lib/mail/services';
import { domainSettingsOf } from '@/lib/domains/domain-settings';
import { translator } from '@/lib/i18n/translate';
import { listAliasDomains } from '@/lib/alias-domains/alias-domains';
import { AliasDomainsCard } from './alias-domains-card';
import { DeleteDomainForm } from './delete-domain-form';
import { DomainSettingsForm } from './domain-settings-form';
import { DomainStatus } from './domain-status';
import { pageFailure } from '@/lib/page-failure';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.domain', 'domains:read');

async function DomainPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('domains:read');
  const id = Number((await params).id);
  const { row, glance } = await getDomainGlance({ caller, id }).catch(pageFailure);
  const { domain, plan } = row;
  const postmaster = await getPostmasterOfDomain({ ex: getDb(), domainId: domain.id });
  const t = translator(caller.language);
  const name = displayDomain(domain.name);
  const aliasDomains = can(caller, 'domains:update') ? (await listAliasDomains({ caller, domainId: domain.id }).catch(pageFailure)).aliasDomains : [];
  const facts: [string, string][] = [
    [t('domains.plan'), plan.name],
    [t('domains.owner'), row.ownerEmail],
    [t('domains.postmaster'), postmaster ? displayAddress(postmaster.address) : '—'],
    [t('domains.servicesLegend'), SERVICES.filter((s) => domain[s]).map((s) => t(`domains.services.${s}`)).join(', ') || '—'],
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={caller.role === 'postmaster' ? `${t('domains.myDomainTitle')}: ${name}` : name}
        actions={
          <>
            <StatusBadge active={domain.active} label={domain.active ? t('common.active') : t('common.inactive')} />
            <Link href={`/domains/${domain.id}/accounts`} className={buttonClasses('secondary')}>
              {t('accountsList.title')}
            </Link>
            {canOnDomain(caller, 'aliases:read', domain) && (
              <Link href={`/domains/${domain.id}/aliases`} className={buttonClasses('secondary')}>
                {t('aliases.domainLink')}
              </Link>
            )}
            <Link href={`/domains/${domain.id}/dns`} className={buttonClasses('secondary')}>
              {t('dns.title')}
            </Link>
          </>
        }
      />
      <DomainGlance glance={glance} language={caller.language} />
      {caller.role === 'postmaster' && <PostmasterRights glance={glance} language={caller.language} />}
      <Card>
        <CardTitle>{t('domains.overview')}</CardTitle>
        <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-sm text-slate-600">{label}</dt>
              <dd className="font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {can(caller, 'domains:update') && (
        <>
          <Card>
            <CardTitle>{t('domains.settingsTitle')}</CardTitle>
            <p className="mt-1 text-sm text-slate-600">{t('domains.settingsIntro')}</p>
            <DomainSettingsForm
              id={domain.id}
              planServices={serviceFlags(plan)}
              storageOptions={plan.storageOptionsBytes.map((bytes) => ({ bytes, label: formatBytes(bytes, caller.language) }))}
              initial={{ version: domain.version, ...domainSettingsOf(domain) }}
            />
          </Card>
          <AliasDomainsCard id={domain.id} domainName={name} items={aliasDomains.map((a) => ({ id: a.id, name: a.name, display: displayDomain(a.name) }))} />
          <DomainStatus id={domain.id} name={name} active={domain.active} />
        </>
      )}
      {can(caller, 'domains:delete') && <DeleteDomainForm id={domain.id} name={name} />}
    </div>
  );
}

export default withPageMessages(DomainPage, ['accountsList.title', 'aliases.domainLink', 'dns.title', 'domains', 'jobs.errors', 'pageTitles.domain']);
