import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, Td, Th } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatBytes, formatNumber } from '@/lib/format';
import { getT } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/translate';
import { SERVICES } from '@/lib/mail/services';
import { listPlans } from '@/lib/plans/read-plans';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('plans.title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function PlansPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePermission('plans:read');
  const params = await searchParams;
  const t = translator(caller.language);
  const lang = caller.language;
  const plans = await listPlans({ caller });
  const canWrite = can(caller, 'plans:write');
  const created = plans.find((p) => String(p.id) === params.created);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('plans.title')}
        description={canWrite ? t('plans.intro') : t('plans.introReadOnly')}
        actions={
          canWrite && (
            <Link href="/plans/new" className={buttonClasses('primary')}>
              {t('plans.newPlan')}
            </Link>
          )
        }
      />
      {created && <Alert tone="success">{t('plans.notices.created', { name: created.name })}</Alert>}
      {params.deleted === '1' && <Alert tone="success">{t('plans.notices.deleted')}</Alert>}

      {plans.length === 0 ? (
        <EmptyState title={t('plans.empty')}>
          {canWrite && (
            <>
              <p>{t('plans.emptyHint')}</p>
              <Link href="/plans/new" className={buttonClasses('primary')}>
                {t('plans.newPlan')}
              </Link>
            </>
          )}
        </EmptyState>
      ) : (
        <Table caption={t('plans.tableCaption')}>
          <thead>
            <tr>
              <Th>{t('plans.columns.name')}</Th>
              <Th>{t('plans.columns.services')}</Th>
              <Th>{t('plans.columns.storageOptions')}</Th>
              <Th className="text-right">{t('plans.columns.domainStorage')}</Th>
              <Th className="text-right">{t('plans.columns.maxAccounts')}</Th>
              <Th className="text-right">{t('plans.columns.sendLimits')}</Th>
              <Th className="text-right">{t('plans.columns.domains')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {plans.map((plan) => {
              const services = SERVICES.filter((s) => plan[s]).map((s) => t(`plans.servicesShort.${s}`));
              return (
                <tr key={plan.id}>
                  <Td className="font-medium">
                    <Link
                      href={`/plans/${plan.id}`}
                      className="text-indigo-700 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 whitespace-nowrap"
                    >
                      {plan.name}
                    </Link>
                  </Td>
                  <Td className="min-w-40">{services.length > 0 ? services.join(', ') : t('plans.none')}</Td>
                  <Td className="min-w-32">{plan.storageOptionsBytes.map((b) => formatBytes(b, lang)).join(', ')}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{formatBytes(plan.domainStorageBytes, lang)}</Td>
                  <Td className="text-right tabular-nums">{formatNumber(plan.maxAccounts, lang)}</Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {t('plans.sendLimitsValue', {
                      default: formatNumber(plan.defaultDailySendLimit, lang),
                      max: formatNumber(plan.maxDailySendLimit, lang),
                    })}
                  </Td>
                  <Td className="text-right tabular-nums">{formatNumber(plan.domainCount, lang)}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </div>
  );
}
