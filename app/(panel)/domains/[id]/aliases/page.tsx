import Link from 'next/link';
import { notFound } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { AliasesTable } from '@/components/aliases/aliases-table';
import { linkClass } from '@/components/list/link-class';
import { withPageMessages } from '@/components/page-messages';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ALIAS_SORTS } from '@/db/queries/aliases';
import { getAddressSettings } from '@/lib/aliases/address-settings';
import { listAliases } from '@/lib/aliases/list-aliases';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { translator } from '@/lib/i18n/translate';
import { pageFailure } from '@/lib/page-failure';
import { parsePageQuery } from '@/lib/pagination';
import { AddressSettingsForm } from './address-settings-form';
import { AliasCsvCard } from './alias-csv-card';

export const generateMetadata = titleMetadata('pageTitles.aliases', 'aliases:read');

/** One domain's aliases; a postmaster whose domain does not let it manage aliases gets the 404 page. */
async function DomainAliasesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('aliases:read');
  const raw = (await params).id;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) notFound();
  const path = `/domains/${raw}/aliases`;
  const query = parsePageQuery(await searchParams, ALIAS_SORTS, 'address');
  const list = await listAliases({ caller, query, domainId: Number(raw) }).catch(pageFailure);
  const domain = list.domain;
  if (!domain) notFound();
  const t = translator(caller.language);
  const name = displayDomain(domain.name);
  const settings = can(caller, 'aliases:update') ? await getAddressSettings({ caller, domainId: domain.id }).catch(pageFailure) : null;

  return (
    <div className="space-y-6">
      <Link href={`/domains/${domain.id}`} className={`text-sm ${linkClass}`}>
        ← {t('aliases.backToDomain', { domain: name })}
      </Link>
      <PageHeader
        title={t('aliases.domainTitle', { domain: name })}
        description={t('aliases.domainIntro')}
        actions={
          can(caller, 'aliases:create') && (
            <Link href={`${path}/new`} className={buttonClasses('primary')}>
              + {t('aliases.newButton')}
            </Link>
          )
        }
      />
      {!domain.active && <Alert tone="info">{t('aliases.inactiveDomain')}</Alert>}
      <AliasesTable list={list} query={query} path={path} showDomain={false} t={t} />
      <AliasCsvCard domainId={domain.id} canImport={can(caller, 'aliases:create')} />
      {settings && (
        <AddressSettingsForm
          domainId={domain.id}
          domainName={name}
          // The catch-all shown as its local part: it is always an account of this domain.
          initial={{ version: settings.version, catchAll: settings.catchAll?.split('@')[0] ?? '', plusAddressing: settings.plusAddressing }}
        />
      )}
    </div>
  );
}

export default withPageMessages(DomainAliasesPage, ['aliases', 'common.seeFields', 'pageTitles.aliases', 'mailboxSettings.errors', 'recovery.commonPassword', 'security.password', 'wizard.errors']);
