import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/classes';
import { DataList, type Column } from '@/components/list/data-list';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatBytes, formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { SERVICES } from '@/lib/mail/services';
import type { Messages } from '@/lib/i18n/messages/types';
import { listPlans } from '@/lib/plans/read-plans';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('plans.title', 'plans:read');

type Plan = Awaited<ReturnType<typeof listPlans>>[number];
type SearchParams = Record<string, string | string[] | undefined>;

async function PlansPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const caller = await requirePermission('plans:read');
  const params = await searchParams;
  const t = translator(caller.language);
  const lang = caller.language;
  const plans = await listPlans({ caller });
  const canWrite = can(caller, 'plans:write');
  const created = plans.find((p) => String(p.id) === params.created);
  // Figures align right; long headers wrap, so every column fits at 1280 px without scrolling sideways (the
  // table scrolls on a phone).
  const numberColumn = (key: keyof Messages['plans']['columns'], cell: (plan: Plan) => string, { wrap = false } = {}): Column<Plan> => ({
    key,
    label: t(`plans.columns.${key}`),
    headerClassName: 'text-right whitespace-normal',
    className: wrap ? 'text-right tabular-nums' : 'text-right tabular-nums whitespace-nowrap',
    cell,
  });
  const columns: Column<Plan>[] = [
    {
      key: 'name',
      label: t('plans.columns.name'),
      className: 'font-medium',
      cell: (plan) => (
        <Link
          href={`/plans/${plan.id}`}
          className="text-indigo-700 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 whitespace-nowrap"
        >
          {plan.name}
        </Link>
      ),
    },
    {
      key: 'services',
      label: t('plans.columns.services'),
      className: 'min-w-36',
      cell: (plan) => {
        const services = SERVICES.filter((s) => plan[s]).map((s) => t(`plans.servicesShort.${s}`));
        return services.length > 0 ? services.join(', ') : t('plans.none');
      },
    },
    {
      key: 'storageOptions',
      label: t('plans.columns.storageOptions'),
      headerClassName: 'whitespace-normal',
      className: 'min-w-28',
      cell: (plan) => plan.storageOptionsBytes.map((b) => formatBytes(b, lang)).join(', '),
    },
    numberColumn('domainStorage', (plan) => formatBytes(plan.domainStorageBytes, lang)),
    numberColumn('maxAccountsAliases', (plan) =>
      t('plans.accountsAliasesValue', { accounts: formatNumber(plan.maxAccounts, lang), aliases: formatNumber(plan.maxAliases, lang) }),
    ),
    numberColumn('maxMessage', (plan) => formatBytes(plan.maxMessageBytes, lang)),
    numberColumn('sendLimits', (plan) =>
      t('plans.sendLimitsValue', { default: formatNumber(plan.defaultDailySendLimit, lang), max: formatNumber(plan.maxDailySendLimit, lang) }),
    ),
    numberColumn('domains', (plan) => formatNumber(plan.domainCount, lang), { wrap: true }),
  ];

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

      <DataList
        caption={t('plans.tableCaption')}
        columns={columns}
        rows={plans}
        t={t}
        empty={{
          title: t('plans.empty'),
          children: canWrite && (
            <>
              <p>{t('plans.emptyHint')}</p>
              <Link href="/plans/new" className={buttonClasses('primary')}>
                {t('plans.newPlan')}
              </Link>
            </>
          ),
        }}
      />
    </div>
  );
}

export default withPageMessages(PlansPage, ['plans']);
