'use client';

import { useLanguage, useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { SelectField } from '@/components/ui/select-field';
import type { WizardOptions } from '@/lib/accounts/wizard/get-wizard';
import { formatBytes, formatNumber } from '@/lib/format';
import { SERVICES } from '@/lib/mail/services';
import type { ServicesStepInput } from '@/lib/validations/account-wizard';
import { saveServicesStepAction } from './actions';
import { StepButtons } from './step-buttons';
import { useStepForm } from './use-step-form';

const loadServicesStepSchema = () => import('@/lib/validations/account-wizard').then((m) => m.servicesStepSchema);

type Props = { domainId: number; draftId: string; defaults: ServicesStepInput; options: WizardOptions; backHref: string };

export function ServicesStepForm({ domainId, draftId, defaults, options, backHref }: Props) {
  const t = useT();
  const language = useLanguage();
  const { handleSubmit, formState, formError, field, send } = useStepForm({ load: loadServicesStepSchema, defaults, draftId, step: 2 });
  const offered = SERVICES.filter((s) => options.services[s]);
  const notOffered = SERVICES.filter((s) => !options.services[s]);

  const onSubmit = handleSubmit((values) => send(() => saveServicesStepAction(domainId, draftId, values)));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('wizard.services.storage')}
          description={t('wizard.services.storageHint', {
            free: formatBytes(options.freeBytes, language),
            total: formatBytes(options.domainStorageBytes, language),
          })}
          {...field('quotaBytes')}
        >
          {options.storage.map(({ bytes, disabled }) => (
            <option key={bytes} value={bytes} disabled={disabled}>
              {disabled ? t('wizard.services.optionBeyond', { size: formatBytes(bytes, language) }) : formatBytes(bytes, language)}
            </option>
          ))}
        </SelectField>
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-900">{t('wizard.services.sendLimit')}</p>
          <p className="text-sm text-slate-700">
            {t('wizard.services.sendLimitValue', { count: formatNumber(options.defaultDailySendLimit, language) })}
          </p>
        </div>
      </div>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t('wizard.services.legend')}</legend>
        <p className="text-sm text-slate-600">{offered.length > 0 ? t('wizard.services.hint') : t('wizard.services.noneOffered')}</p>
        {offered.length > 0 && (
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {offered.map((service) => (
              <Checkbox
                key={service}
                label={t(`domains.services.${service}`)}
                {...field(`services.${service}`)}
              />
            ))}
          </div>
        )}
        {offered.length > 0 && notOffered.length > 0 && (
          <p className="mt-3 text-sm text-slate-600">
            {t('wizard.services.notOffered', { services: notOffered.map((s) => t(`domains.services.${s}`)).join(', ') })}
          </p>
        )}
      </fieldset>

      <StepButtons backHref={backHref} pending={formState.isSubmitting} />
    </form>
  );
}
