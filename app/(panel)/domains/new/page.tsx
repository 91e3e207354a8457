import { titleMetadata } from '@/app/title-metadata';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { addDomainOptions } from '@/lib/domains/add-domain-options';
import { translator } from '@/lib/i18n/translate';
import { AddDomainForm } from './add-domain-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.addDomain', 'domains:create');

async function NewDomainPage() {
  const caller = await requirePermission('domains:create');
  const t = translator(caller.language);
  const options = await addDomainOptions({ caller });
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title={t('domains.addTitle')} description={t('domains.addIntro')} />
      <Card>
        <AddDomainForm plans={options.plans} admins={options.admins} selfId={caller.id} />
      </Card>
    </div>
  );
}

export default withPageMessages(NewDomainPage, ['domains', 'jobs.errors', 'pageTitles.addDomain']);
