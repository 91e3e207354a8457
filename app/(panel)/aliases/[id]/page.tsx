import Link from 'next/link';
import { notFound } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { linkClass } from '@/components/list/link-class';
import { withPageMessages } from '@/components/page-messages';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { getAlias } from '@/lib/aliases/list-aliases';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress, displayDomain } from '@/lib/domains/display-name';
import { translator } from '@/lib/i18n/translate';
import { pageFailure } from '@/lib/page-failure';
import { AliasForm } from '../alias-form';
import { AliasStatus } from './alias-status';

export const generateMetadata = titleMetadata('pageTitles.alias', 'aliases:read');

/** One alias: its targets, description and switch; deactivate, activate, delete. */
async function AliasPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('aliases:read');
  const raw = (await params).id;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) notFound();
  const alias = await getAlias({ caller, id: Number(raw) }).catch(pageFailure);
  const t = translator(caller.language);
  const address = displayAddress(alias.address);
  const saved = { version: alias.version, description: alias.description, active: alias.active, targets: alias.targets, senders: alias.senders, sendAs: alias.sendAs };

  return (
    <div className="max-w-4xl space-y-6">
      <Link href={`/domains/${alias.domainId}/aliases`} className={`text-sm ${linkClass}`}>
        ← {t('aliases.backToList', { domain: displayDomain(alias.domainName) })}
      </Link>
      <PageHeader
        title={t('aliases.editTitle', { address })}
        actions={<StatusBadge active={alias.receiving} label={alias.active ? t('common.active') : t('common.inactive')} />}
      />
      {can(caller, 'aliases:update') && (
        <Card>
          <AliasForm
            mode="edit"
            aliasId={alias.id}
            domainName={displayDomain(alias.domainName)}
            initial={{ ...saved, localPart: '', targets: alias.targets.join('\n'), sendAs: alias.sendAs.join('\n') }}
          />
        </Card>
      )}
      {can(caller, 'aliases:update') && can(caller, 'aliases:delete') && <AliasStatus id={alias.id} domainId={alias.domainId} address={address} saved={saved} />}
    </div>
  );
}

export default withPageMessages(AliasPage, ['aliases', 'pageTitles.alias', 'common.seeFields', 'mailboxSettings.errors', 'recovery.commonPassword', 'security.password', 'wizard.errors']);
