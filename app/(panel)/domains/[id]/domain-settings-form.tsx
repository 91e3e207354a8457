'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { refusalStatus } from '@/components/mailbox-settings/section-save';
import { SaveBar, type SaveStatus } from '@/components/ui/save-bar';
import { Checkbox } from '@/components/ui/checkbox';
import { SelectField } from '@/components/ui/select-field';
import { SERVICES } from '@/lib/mail/services';
import type { DomainSettingsInput } from '@/lib/validations/domain';
import { updateDomainSettingsAction } from '../actions';

const loadDomainSettingsSchema = () => import('@/lib/validations/domain').then((m) => m.domainSettingsSchema);

const LIMITS = ['pmCanCreate', 'pmCanDelete', 'pmCanToggle', 'pmCanChangeLimits', 'pmCanManageAliases'] as const;

type Props = {
  id: number;
  planServices: Record<string, boolean>;
  storageOptions: { bytes: number; label: string }[];
  initial: DomainSettingsInput;
};

export function DomainSettingsForm({ id, planServices, storageOptions, initial }: Props) {
  const t = useT();
  const [status, setStatus] = useState<SaveStatus>(null);
  const { register, handleSubmit, setError, setValue, formState } = useForm<DomainSettingsInput>({
    resolver: useLazyZodResolver(loadDomainSettingsSchema),
    defaultValues: { ...initial, defaultStorageBytes: initial.defaultStorageBytes ?? null },
  });
  const { errors } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await updateDomainSettingsAction(id, values);
    if (result.ok) {
      setValue('version', result.data.version);
      setStatus({ tone: 'success', text: t('common.saved') });
      return;
    }
    for (const [field, key] of Object.entries(result.fieldErrors)) setError(field as keyof DomainSettingsInput, { message: key });
    setStatus(refusalStatus(result, t.raw));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t('domains.servicesLegend')}</legend>
        <p className="text-sm text-slate-600">{t('domains.servicesHint')}</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {SERVICES.map((service) => (
            <Checkbox
              key={service}
              label={t(`domains.services.${service}`)}
              hint={planServices[service] ? undefined : t('domains.notInPlan')}
              disabled={!planServices[service]}
              error={errors.services?.[service]?.message && t.raw(errors.services[service].message)}
              {...register(`services.${service}`)}
            />
          ))}
        </div>
      </fieldset>
      <SelectField
        label={t('domains.defaultStorage')}
        error={errors.defaultStorageBytes?.message && t.raw(errors.defaultStorageBytes.message)}
        {...register('defaultStorageBytes', { setValueAs: (v: string) => (v === '' || v === null ? null : Number(v)) })}
      >
        <option value="">{t('domains.noDefault')}</option>
        {storageOptions.map((option) => (
          <option key={option.bytes} value={option.bytes}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t('domains.limitsLegend')}</legend>
        <div className="mt-2 space-y-2">
          {LIMITS.map((limit) => (
            <Checkbox key={limit} label={t(`domains.limits.${limit}`)} {...register(limit)} />
          ))}
        </div>
      </fieldset>
      <input type="hidden" {...register('version')} />
      <SaveBar status={status} pending={formState.isSubmitting}>
        {t('domains.saveSettings')}
      </SaveBar>
    </form>
  );
}
