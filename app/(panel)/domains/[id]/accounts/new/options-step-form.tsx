'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { ForwardFields } from '@/components/mailbox-settings/forward-fields';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { wizardPath } from '@/lib/accounts/wizard/paths';
import type { OptionsStepInput, WizardSection } from '@/lib/validations/account-wizard';
import { stepOf, WIZARD_STEPS } from '@/lib/validations/wizard-steps';
import { createAccountAction } from './actions';
import { StepButtons } from './step-buttons';
import { useStepForm } from './use-step-form';
import { dropDraftStash } from './use-step-stash';

const loadOptionsStepSchema = () => import('@/lib/validations/account-wizard').then((m) => m.optionsStepSchema);

type Props = {
  domainId: number;
  draftId: string;
  defaults: OptionsStepInput;
  allowSpamToInbox: boolean;
  /** What the earlier steps saved, already formatted: [label, value]. */
  summary: [string, string][];
  backHref: string;
};

/** "Create" answers with `section.field`; this step's own fields go beside their inputs. */
function ownField(field: string): string | null {
  const [section, ...rest] = field.split('.');
  if (rest.length === 0) return field;
  return section === 'options' ? rest.join('.') : null;
}

export function OptionsStepForm({ domainId, draftId, defaults, allowSpamToInbox, summary, backHref }: Props) {
  const t = useT();
  const { register, handleSubmit, formState, errors, formError, elsewhere, message, field, send } = useStepForm({ load: loadOptionsStepSchema, defaults, draftId, step: 4, fieldOf: ownField });

  // Create leaves the wizard: nothing typed in it is kept any longer (a refusal keeps this step's values).
  const onSubmit = handleSubmit((values) => send(() => createAccountAction(domainId, draftId, values), () => dropDraftStash(draftId)));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && (
        <Alert tone="error" title={formError}>
          {elsewhere.length > 0 && (
            <ul className="list-disc space-y-1 pl-5">
              {elsewhere.map(([field, key]) => {
                const section = field.split('.')[0] as WizardSection;
                const step = WIZARD_STEPS.includes(section) ? stepOf(section) : null;
                return (
                  <li key={field}>
                    {step
                      ? t('wizard.errors.inStep', { step, name: t(`wizard.steps.${section}`), message: t.raw(key) })
                      : t.raw(key)}
                    {step && (
                      <>
                        {' '}
                        <Link href={wizardPath(domainId, { id: draftId, step })} className="font-medium underline underline-offset-2">
                          {t('wizard.errors.goToStep', { step })}
                        </Link>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Alert>
      )}

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t('wizard.options.forwardsLegend')}</legend>
        <ForwardFields forwards={register('forwards')} forwardsError={message(errors.forwards?.message)} keepCopy={register('forwardKeepCopy')} />
      </fieldset>

      {allowSpamToInbox && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-900">{t('wizard.options.spamLegend')}</legend>
          <Checkbox label={t('mailboxSettings.general.spamToInbox')} {...field('spamToInbox')} />
        </fieldset>
      )}

      <section aria-labelledby="wizard-summary" className="rounded-md border border-slate-200 bg-slate-50 p-4">
        <h3 id="wizard-summary" className="text-sm font-semibold text-slate-900">
          {t('wizard.options.summary')}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t('wizard.options.summaryIntro')}</p>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {summary.map(([label, value]) => (
            <div key={label} className="min-w-0">
              <dt className="text-xs text-slate-600">{label}</dt>
              <dd className="text-sm font-medium wrap-anywhere text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <StepButtons backHref={backHref} pending={formState.isSubmitting} submitLabel={t('wizard.create')} />
    </form>
  );
}
