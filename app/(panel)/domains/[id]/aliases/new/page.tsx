import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AliasForm } from '@/app/(panel)/aliases/alias-form';
import { titleMetadata } from '@/app/title-metadata';
import { linkClass } from '@/components/list/link-class';
import { withPageMessages } from '@/components/page-messages';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { readDomainForAliasPage } from '@/lib/aliases/list-aliases';
import { requirePermission } from '@/lib/auth/session';
import { displayDomain } from '@/lib/domains/display-name';
import { translator } from '@/lib/i18n/translate';
import { pageFailure } from '@/lib/page-failure';

export const generateMetadata = titleMetadata('pageTitles.newAlias', 'aliases:create');

/** A new alias of one domain; a postmaster whose domain does not let it manage aliases gets the 404 page. */
async function NewAliasPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('aliases:create');
  const raw = (await params).id;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) notFound();
  const domain = await readDomainForAliasPage({ caller, domainId: Number(raw), action: 'aliases:create' }).catch(pageFailure);
  const t = translator(caller.language);
  const name = displayDomain(domain.name);

  return (
    <div className="max-w-4xl space-y-6">
      <Link href={`/domains/${domain.id}/aliases`} className={`text-sm ${linkClass}`}>
        ← {t('aliases.backToList', { domain: name })}
      </Link>
      <PageHeader title={t('aliases.newTitle', { domain: name })} />
      <Card>
        <AliasForm mode="create" domainId={domain.id} domainName={name} initial={{ localPart: '', version: 0, description: '', active: true, targets: '', senders: 'anyone', sendAs: '' }} />
      </Card>
    </div>
  );
}

export default withPageMessages(NewAliasPage, ['aliases', 'pageTitles.newAlias', 'common.seeFields', 'mailboxSettings.errors', 'recovery.commonPassword', 'security.password', 'wizard.errors']);
