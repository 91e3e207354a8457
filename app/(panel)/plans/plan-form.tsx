'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';
import { useFieldArray, useForm, type FieldPath, type UseFormRegisterReturn } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SaveBar } from '@/components/ui/save-bar';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { fieldClasses } from '@/components/ui/classes';
import { TextField } from '@/components/ui/text-field';
import type { PlanFormValues } from '@/lib/validations/plan';
import { MAX_MESSAGE_MB, MAX_STORAGE_OPTIONS, SIZE_UNITS } from '@/lib/validations/plan-constants';
import { SERVICES, USER_DETAIL_FIELDS } from '@/lib/mail/services';
import { createPlanAction, updatePlanAction } from './actions';
import { fieldProps } from '@/components/forms/field-props';

// The plan's numeric limits: each a whole number typed in, with its hint.
const LIMIT_FIELDS = ['maxAccounts', 'maxAliases', 'maxMessageMb', 'defaultDailySendLimit', 'maxDailySendLimit'] as const;

const loadPlanSchema = () => import('@/lib/validations/plan').then((m) => m.planSchema);

export type PlanFormProps = { defaultValues: PlanFormValues } & (
  | { mode: 'create' }
  | { mode: 'edit'; planId: number }
  /** An admin reading a plan: every control shown, none usable. */
  | { mode: 'view' }
);

export function PlanForm(props: PlanFormProps) {
  const { mode, defaultValues } = props;
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, control, handleSubmit, getValues, setError, setFocus, reset, formState } = useForm({
    resolver: useLazyZodResolver(loadPlanSchema),
    defaultValues,
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'storageOptions' });
  const { errors } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);
  const readOnly = mode === 'view';

  const onSubmit = handleSubmit(async () => {
    if (readOnly) return;
    setFormError(null);
    setSaved(false);
    // The server checks the form as typed with the same schema, so it gets the raw values.
    const values = getValues();
    const result = props.mode === 'edit' ? await updatePlanAction(props.planId, values) : await createPlanAction(values);
    if (result.ok) {
      if (props.mode === 'create') {
        router.push(`/plans?created=${result.data.id}`);
      } else {
        reset({ ...values, version: 'version' in result.data ? result.data.version : values.version });
        setSaved(true);
        router.refresh();
      }
      return;
    }
    let first = true;
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      const name = (field === 'storageOptions' ? 'storageOptions.root' : field) as FieldPath<PlanFormValues>;
      setError(name, { type: 'server', message: key }, { shouldFocus: first });
      first = false;
    }
    if (result.formError) setFormError(t.raw(result.formError));
  });

  const removeOption = (index: number) => {
    remove(index);
    // Keep the keyboard focus in the list rather than losing it with the removed button.
    setTimeout(() => setFocus(`storageOptions.${Math.max(0, index - 1)}.amount`), 0);
  };

  const optionsError = message(errors.storageOptions?.root?.message ?? errors.storageOptions?.message);
  const servicesError = message(errors.services?.message ?? errors.services?.root?.message);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {readOnly && <Alert tone="info">{t('plans.form.readOnly')}</Alert>}

      <fieldset disabled={readOnly} className="min-w-0 space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>{t('plans.form.general')}</CardTitle>
          </CardHeader>
          <TextField
            label={t('plans.form.name')}
            autoComplete="off"
            maxLength={100}
            className="max-w-md"
            {...field('name')}
          />
        </Card>

        <Card>
          <CheckboxGroup legend={t('plans.form.services')} description={t('plans.form.servicesHint')} error={servicesError}>
            {SERVICES.map((s) => (
              <Checkbox key={s} label={t(`plans.services.${s}`)} {...register(`services.${s}`)} />
            ))}
          </CheckboxGroup>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('plans.form.storage')}</CardTitle>
          </CardHeader>
          <div className="space-y-6">
            <fieldset className="min-w-0" aria-describedby={optionsError ? 'plan-options-error' : 'plan-options-hint'}>
              <legend className="text-sm font-medium text-slate-900">{t('plans.form.storageOptions')}</legend>
              <p id="plan-options-hint" className="mt-1 text-sm text-slate-600">
                {t('plans.form.storageOptionsHint')}
              </p>
              <ul className="mt-3 space-y-3">
                {fields.map((option, index) => (
                  <li key={option.id} className="flex flex-wrap items-start gap-3">
                    <TextField
                      label={t('plans.form.storageOption', { n: index + 1 })}
                      inputMode="numeric"
                      autoComplete="off"
                      className="w-36"
                      {...field(`storageOptions.${index}.amount`)}
                    />
                    <UnitSelect
                      label={t('plans.form.unit')}
                      accessibleLabel={t('plans.form.unitOf', { n: index + 1 })}
                      {...field(`storageOptions.${index}.unit`)}
                    />
                    {!readOnly && (
                      <Button
                        variant="ghost"
                        className="mt-6.5"
                        aria-label={t('plans.form.removeOption', { n: index + 1 })}
                        title={t('plans.form.removeOption', { n: index + 1 })}
                        disabled={fields.length <= 1}
                        onClick={() => removeOption(index)}
                      >
                        <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                          <path d="M18 6 6 18M6 6l12 12" strokeLinecap="round" />
                        </svg>
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              {optionsError && (
                <p id="plan-options-error" className="mt-2 text-sm font-medium text-red-700">
                  {optionsError}
                </p>
              )}
              {!readOnly && (
                <Button
                  variant="secondary"
                  size="sm"
                  className="mt-3"
                  disabled={fields.length >= MAX_STORAGE_OPTIONS}
                  onClick={() => append({ amount: '', unit: 'GB' })}
                >
                  {t('plans.form.addOption')}
                </Button>
              )}
            </fieldset>

            <div>
              <div className="flex flex-wrap items-start gap-3">
                <TextField
                  label={t('plans.form.domainStorage')}
                  aria-describedby="plan-domain-storage-hint"
                  inputMode="numeric"
                  autoComplete="off"
                  className="w-56 max-w-full"
                  {...field('domainStorage.amount')}
                />
                <UnitSelect
                  label={t('plans.form.unit')}
                  accessibleLabel={t('plans.form.domainStorageUnit')}
                  {...field('domainStorage.unit')}
                />
              </div>
              <p id="plan-domain-storage-hint" className="mt-1.5 text-sm text-slate-600">
                {t('plans.form.domainStorageHint')}
              </p>
            </div>
          </div>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('plans.form.limits')}</CardTitle>
          </CardHeader>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {LIMIT_FIELDS.map((name) => (
              <TextField
                key={name}
                label={t(`plans.form.${name}`)}
                description={t(`plans.form.${name}Hint`, name === 'maxMessageMb' ? { max: MAX_MESSAGE_MB } : undefined)}
                inputMode="numeric"
                autoComplete="off"
                {...field(name)}
              />
            ))}
          </div>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t('plans.form.options')}</CardTitle>
          </CardHeader>
          <div className="space-y-6">
            <div>
              <Checkbox label={t('plans.form.allowSpamToInbox')} {...register('allowSpamToInbox')} />
              {errors.allowSpamToInbox?.message && (
                <p className="mt-1.5 text-sm font-medium text-red-700">{message(errors.allowSpamToInbox.message)}</p>
              )}
            </div>
            <CheckboxGroup
              legend={t('plans.form.userDetailFields')}
              description={t('plans.form.userDetailFieldsHint')}
              error={message(errors.userDetailFields?.message ?? errors.userDetailFields?.root?.message)}
            >
              {USER_DETAIL_FIELDS.map((f) => (
                <Checkbox key={f} label={t(`plans.detailFields.${f}`)} value={f} {...register('userDetailFields')} />
              ))}
            </CheckboxGroup>
          </div>
        </Card>
      </fieldset>

      {!readOnly && (
        <SaveBar
          status={formError ? { tone: 'error', text: formError } : saved ? { tone: 'success', text: t('plans.form.saved') } : null}
          pending={formState.isSubmitting}
        >
          {mode === 'create' ? t('plans.form.create') : t('plans.form.save')}
        </SaveBar>
      )}
    </form>
  );
}

function CheckboxGroup({ legend, description, error, children }: { legend: string; description?: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset className="min-w-0" aria-describedby={[description && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      {description && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {description}
        </p>
      )}
      <div className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
      {error && (
        <p id={`${id}-error`} className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Checkbox({ label, value, ...field }: UseFormRegisterReturn & { label: string; value?: string }) {
  return (
    <label className="flex min-h-8 items-start gap-2 text-sm text-slate-900">
      <input
        type="checkbox"
        value={value}
        className="mt-0.5 size-4 shrink-0 accent-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        {...field}
      />
      <span>{label}</span>
    </label>
  );
}

function UnitSelect({
  label,
  accessibleLabel,
  error,
  className,
  ...field
}: UseFormRegisterReturn & { label: string; accessibleLabel: string; error?: string; className?: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className={['w-24 space-y-1.5', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={id}
        aria-label={accessibleLabel}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={fieldClasses}
        {...field}
      >
        {SIZE_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {t(`plans.units.${unit}`)}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
