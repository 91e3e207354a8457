'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/classes';
import { TextField } from '@/components/ui/text-field';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { PasswordModeFieldset } from '@/components/ui/password-mode-fieldset';
import type { CreatedAdmin } from '@/lib/admins/create-admin';
import type { CreateAdminInput, CreateAdminValues } from '@/lib/validations/admin';
import { createAdminAction } from './actions';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { ResultHeading } from '@/components/ui/result-heading';
import { fieldProps } from '@/components/forms/field-props';

const loadCreateAdminSchema = () => import('@/lib/validations/admin').then((m) => m.createAdminSchema);

const EMPTY: CreateAdminInput = { email: '', name: '', passwordMode: 'generate', password: '', confirmPassword: '' };

export function CreateAdminForm() {
  const t = useT();
  // The result lives only in this component's state: a generated password is never shown again.
  const [created, setCreated] = useState<CreatedAdmin | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, control, formState } = useForm<CreateAdminInput, unknown, CreateAdminValues>({
    resolver: useLazyZodResolver(loadCreateAdminSchema),
    defaultValues: EMPTY,
  });
  const { errors } = formState;
  const mode = useWatch({ control, name: 'passwordMode' });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

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
        <ResultHeading level={2}>{t('admins.created.title')}</ResultHeading>
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
        {...field('email')}
      />
      <TextField
        label={t('admins.form.name')}
        description={t('admins.form.nameHint')}
        autoComplete="off"
        {...field('name')}
      />
      <PasswordModeFieldset
        legend={t('admins.form.passwordMode')}
        field={register('passwordMode')}
        choices={[
          { value: 'generate', title: t('admins.form.generate'), hint: t('admins.form.generateHint') },
          { value: 'set', title: t('admins.form.set') },
        ]}
        error={message(errors.passwordMode?.message)}
      />
      {mode === 'set' && (
        <NewPasswordFields
          password={{ label: t('admins.form.password'), description: t('admins.form.passwordHint'), field: register('password'), error: message(errors.password?.message) }}
          confirm={{ label: t('admins.form.confirmPassword'), field: register('confirmPassword'), error: message(errors.confirmPassword?.message) }}
        />
      )}
      <Button type="submit" variant="primary" className="w-full sm:w-auto" pending={formState.isSubmitting}>
        {t('admins.form.submit')}
      </Button>
    </form>
  );
}
