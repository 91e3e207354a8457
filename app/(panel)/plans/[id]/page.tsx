import { notFound } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { getPlan } from '@/lib/plans/read-plans';
import { planToFormValues } from '@/lib/validations/plan';
import { BackLink } from '../back-link';
import { DeletePlanButton } from '../delete-plan-button';
import { PlanForm } from '../plan-form';
import { pageFailure } from '@/lib/page-failure';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('plans.title', 'plans:read');

async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePermission('plans:read');
  const { id } = await params;
  if (!/^[1-9][0-9]{0,9}$/.test(id)) notFound();
  const plan = await getPlan({ caller, id: Number(id) }).catch(pageFailure);
  const t = translator(caller.language);
  const canWrite = can(caller, 'plans:write');

  return (
    <div className="max-w-4xl space-y-6">
      <BackLink label={t('plans.backToList')} />
      <PageHeader
        title={t('plans.editTitle', { name: plan.name })}
        description={
          <>
            <p>{t('plans.usedBy', { count: formatNumber(plan.domainCount, caller.language) })}</p>
            {canWrite && plan.domainCount > 0 && <p className="mt-1">{t('plans.delete.inUseNote')}</p>}
          </>
        }
        actions={canWrite && <DeletePlanButton planId={plan.id} planName={plan.name} />}
      />
      {canWrite ? (
        <PlanForm mode="edit" planId={plan.id} defaultValues={planToFormValues(plan)} />
      ) : (
        <PlanForm mode="view" defaultValues={planToFormValues(plan)} />
      )}
    </div>
  );
}

export default withPageMessages(PlanPage, ['plans']);
