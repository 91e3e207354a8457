'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/classes';
import { TextField } from '@/components/ui/text-field';
import type { CreatedAdmin } from '@/lib/admins/create-admin';
import { createAdminSchema, type CreateAdminInput, type CreateAdminValues } from '@/lib/validations/admin';
import { createAdminAction } from './actions';
import { OneTimeSecret } from '@/components/ui/one-time-secret';

const EMPTY: CreateAdminInput = { email: '', name: '', passwordMode: 'generate', password: '', confirmPassword: '' };

export function CreateAdminForm() {
  const t = useT();
  // The result lives only in this component's state: a generated password is never shown again.
  const [created, setCreated] = useState<CreatedAdmin | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const createdHeading = useRef<HTMLHeadingElement>(null);
  const { register, handleSubmit, setError, reset, control, formState } = useForm<CreateAdminInput, unknown, CreateAdminValues>({
    resolver: zodResolver(createAdminSchema),
    defaultValues: EMPTY,
  });
  const { errors } = formState;
  const mode = useWatch({ control, name: 'passwordMode' });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  // The form is replaced by the result: take the focus there, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    // With "generate", whatever was typed in the password fields stays in the browser.
    const input = values.passwordMode === 'set' ? values : { email: values.email, name: values.name, passwordMode: values.passwordMode };
    const result = await createAdminAction(input);
    if (result.ok) {
      reset(EMPTY);
      setCreated(result.data);
      return;
    }
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      setError(field as keyof CreateAdminInput, { message: key }, { shouldFocus: true });
    }
    if (result.formError) setFormError(t.raw(result.formError));
  });

  if (created) {
    return (
      <div className="space-y-5">
        <h2 ref={createdHeading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
          {t('admins.created.title')}
        </h2>
        <Alert tone="success">{t('admins.created.body', { email: created.email })}</Alert>
        {created.generatedPassword && <OneTimeSecret label={t('admins.created.passwordLabel')} value={created.generatedPassword} />}
        <div className="flex flex-col gap-2 sm:flex-row">
          <Link href="/admins" className={buttonClasses('primary')}>
            {t('admins.created.backToList')}
          </Link>
          <Button variant="secondary" onClick={() => setCreated(null)}>
            {t('admins.created.createAnother')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t('admins.form.email')}
        description={t('admins.form.emailHint')}
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={message(errors.email?.message)}
        {...register('email')}
      />
      <TextField
        label={t('admins.form.name')}
        description={t('admins.form.nameHint')}
        autoComplete="off"
        error={message(errors.name?.message)}
        {...register('name')}
      />
      <fieldset
        className="space-y-3"
        aria-describedby={errors.passwordMode ? 'password-mode-error' : undefined}
      >
        <legend className="mb-2 text-sm font-medium text-slate-900">{t('admins.form.passwordMode')}</legend>
        <label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-checked:border-indigo-600 has-checked:bg-indigo-50">
          <input type="radio" value="generate" className="mt-0.5 size-4 accent-indigo-700" {...register('passwordMode')} />
          <span className="space-y-0.5">
            <span className="block text-sm font-medium text-slate-900">{t('admins.form.generate')}</span>
            <span className="block text-sm text-slate-600">{t('admins.form.generateHint')}</span>
          </span>
        </label>
        <label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-checked:border-indigo-600 has-checked:bg-indigo-50">
          <input type="radio" value="set" className="mt-0.5 size-4 accent-indigo-700" {...register('passwordMode')} />
          <span className="block text-sm font-medium text-slate-900">{t('admins.form.set')}</span>
        </label>
        {errors.passwordMode?.message && (
          <p id="password-mode-error" className="text-sm font-medium text-red-700">
            {message(errors.passwordMode.message)}
          </p>
        )}
      </fieldset>
      {mode === 'set' && (
        <div className="space-y-5">
          <TextField
            label={t('admins.form.password')}
            description={t('admins.form.passwordHint')}
            type="password"
            autoComplete="new-password"
            error={message(errors.password?.message)}
            {...register('password')}
          />
          <TextField
            label={t('admins.form.confirmPassword')}
            type="password"
            autoComplete="new-password"
            error={message(errors.confirmPassword?.message)}
            {...register('confirmPassword')}
          />
        </div>
      )}
      <Button type="submit" variant="primary" className="w-full sm:w-auto" pending={formState.isSubmitting}>
        {t('admins.form.submit')}
      </Button>
    </form>
  );
}
