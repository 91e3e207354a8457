import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { DRAFT_TTL_SECONDS } from '@/lib/accounts/wizard/access';
import type { Wizard } from '@/lib/accounts/wizard/get-wizard';
import { accountsPath, wizardPath } from '@/lib/accounts/wizard/paths';
import type { MessageKey, Translate } from '@/lib/i18n/translate';
import { sectionOf, WIZARD_STEPS, type WizardSection, type WizardStep } from '@/lib/validations/account-wizard';
import { StepIndicator } from './step-indicator';

const HOURS = DRAFT_TTL_SECONDS / 3600;
const NOTHING_SAVED = Object.fromEntries(WIZARD_STEPS.map((s) => [s, false])) as Record<WizardSection, boolean>;

const linkClass = 'text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

/**
 * Every wizard page: the heading, the steps, and the current step's card. When no account can be
 * created in the domain, or the draft expired, it says so instead of showing the form.
 */
export function WizardFrame({ t, wizard, current, children }: { t: Translate; wizard: Wizard; current: WizardStep; children: ReactNode }) {
  const { domain, draft } = wizard;
  const section = sectionOf(current);
  const header = <PageHeader title={t('wizard.title')} description={t('wizard.intro', { domain: domain.displayName })} />;
  const back = (
    <Link href={`/domains/${domain.id}`} className={linkClass}>
      <span aria-hidden="true">←</span> {t('wizard.backToDomain')}
    </Link>
  );

  if (draft?.state === 'expired') {
    return (
      <div className="max-w-3xl space-y-6">
        {back}
        {header}
        <Alert tone="warning" title={t('wizard.expiredTitle')}>
          {t('wizard.expiredBody', { hours: HOURS })}
        </Alert>
        <Link href={wizardPath(domain.id)} className={buttonClasses('primary')}>
          {t('wizard.startAgain')}
        </Link>
      </div>
    );
  }

  const open = draft?.state === 'open' ? draft : null;
  return (
    <div className="max-w-3xl space-y-6">
      {back}
      {header}
      {wizard.refusal ? (
        <>
          <Alert tone="error" title={t('wizard.unavailableTitle')}>
            {t(wizard.refusal as MessageKey)}
          </Alert>
          <Link href={accountsPath(domain.id)} className={buttonClasses('secondary')}>
            {t('wizard.cancel')}
          </Link>
        </>
      ) : (
        <>
          <StepIndicator
            t={t}
            domainId={domain.id}
            draftId={open?.id ?? null}
            current={current}
            reached={open?.reached ?? 1}
            saved={open?.saved ?? NOTHING_SAVED}
          />
          <Card>
            <CardTitle>
              {t('wizard.stepOf', { current, total: WIZARD_STEPS.length })}: {t(`wizard.steps.${section}`)}
            </CardTitle>
            <CardDescription>{t(`wizard.${section}.intro`)}</CardDescription>
            <div className="mt-5">{children}</div>
          </Card>
          <p className="text-sm text-slate-600">{t('wizard.keptFor', { hours: HOURS })}</p>
        </>
      )}
    </div>
  );
}
