import { titleMetadata } from '@/app/title-metadata';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { emptyPlanFormValues } from '@/lib/validations/plan';
import { BackLink } from '../back-link';
import { PlanForm } from '../plan-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('plans.newTitle', 'plans:write');

async function NewPlanPage() {
  const caller = await requirePermission('plans:write');
  const t = translator(caller.language);
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink label={t('plans.backToList')} />
      <PageHeader title={t('plans.newTitle')} description={t('plans.newIntro')} />
      <PlanForm mode="create" defaultValues={emptyPlanFormValues()} />
    </div>
  );
}

export default withPageMessages(NewPlanPage, ['plans']);
