import { notFound, redirect } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import type { Wizard } from '@/lib/accounts/wizard/get-wizard';
import { accountsPath, wizardPath } from '@/lib/accounts/wizard/paths';
import { requirePermission } from '@/lib/auth/session';
import { displayAddress } from '@/lib/domains/display-name';
import { formatBytes } from '@/lib/format';
import { translator, type Translate } from '@/lib/i18n/translate';
import { SERVICES, type Language } from '@/lib/mail/services';
import type { WizardStep } from '@/lib/validations/account-wizard';
import { AccountStepForm } from '../../account-step-form';
import { loadWizard } from '../../load';
import { OptionsStepForm } from '../../options-step-form';
import { SecurityStepForm } from '../../security-step-form';
import { ServicesStepForm } from '../../services-step-form';
import { WizardFrame } from '../../wizard-frame';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.newAccount', 'accounts:create');

type Params = { id: string; draftId: string; step: string };

const STEPS: Record<string, WizardStep> = { '1': 1, '2': 2, '3': 3, '4': 4 };

/** What steps 1–3 saved, for step 4's summary. */
function summary(wizard: Wizard, t: Translate, language: Language): [string, string][] {
  const { account, services, security } = wizard.defaults;
  const name = [account.firstName, account.lastName].filter(Boolean).join(' ');
  const on = SERVICES.filter((s) => services.services[s]).map((s) => t(`domains.services.${s}`));
  const ips = String(security.allowedIps ?? '').split('\n').filter(Boolean);
  const draft = wizard.draft?.state === 'open' ? wizard.draft : null;
  return [
    [t('wizard.options.address'), draft?.address ? displayAddress(draft.address) : '—'],
    [t('wizard.options.name'), [name, account.description].filter(Boolean).join(' — ') || '—'],
    [t('wizard.options.storage'), formatBytes(Number(services.quotaBytes), language)],
    [t('wizard.options.services'), on.join(', ') || t('wizard.options.none')],
    [t('wizard.options.allowedIps'), ips.join(', ') || t('wizard.options.anyIp')],
  ];
}

/** Steps 1–4 of a saved draft. A step not reached yet sends the user to the furthest one that is. */
async function WizardStepPage({ params }: { params: Promise<Params> }) {
  const caller = await requirePermission('accounts:create');
  const { id, draftId, step: stepParam } = await params;
  const step = STEPS[stepParam];
  if (!step) notFound();
  const wizard = await loadWizard(caller, id, draftId);
  const { domain, draft, defaults, options } = wizard;
  if (draft?.state === 'open' && step > draft.reached) redirect(wizardPath(domain.id, { id: draft.id, step: draft.reached }));
  const t = translator(caller.language);
  const open = draft?.state === 'open' ? draft : null;
  const back = (to: WizardStep) => wizardPath(domain.id, { id: open?.id ?? draftId, step: to });

  return (
    <WizardFrame t={t} wizard={wizard} current={step}>
      {open && step === 1 && (
        <AccountStepForm
          domainId={domain.id}
          draftId={open.id}
          domainName={domain.displayName}
          defaults={defaults.account}
          passwordSet={open.passwordSet}
          passwordGenerated={open.passwordGenerated}
          cancelHref={accountsPath(domain.id)}
        />
      )}
      {open && step === 2 && <ServicesStepForm domainId={domain.id} draftId={open.id} defaults={defaults.services} options={options} backHref={back(1)} />}
      {open && step === 3 && <SecurityStepForm domainId={domain.id} draftId={open.id} defaults={defaults.security} backHref={back(2)} />}
      {open && step === 4 && (
        <OptionsStepForm
          domainId={domain.id}
          draftId={open.id}
          defaults={defaults.options}
          allowSpamToInbox={options.allowSpamToInbox}
          summary={summary(wizard, t, caller.language)}
          backHref={back(3)}
        />
      )}
    </WizardFrame>
  );
}

export default withPageMessages(WizardStepPage, ['domains.services', 'jobs.errors', 'mailboxSettings.errors', 'mailboxSettings.general', 'mailboxSettings.security', 'pageTitles.newAccount', 'recovery.commonPassword', 'security.password', 'wizard']);
