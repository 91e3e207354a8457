'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { TextField } from '@/components/ui/text-field';
import type { SetupInput } from '@/lib/validations/setup';
import { createSuperadminAction } from './actions';
import { fieldProps } from '@/components/forms/field-props';

const loadSetupSchema = () => import('@/lib/validations/setup').then((m) => m.setupSchema);

export function SetupForm({ token }: { token: string }) {
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SetupInput>({
    resolver: useLazyZodResolver(loadSetupSchema),
    defaultValues: { token, name: '', email: '', password: '', confirmPassword: '' },
  });
  const { errors } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createSuperadminAction(values);
    if (result.ok) {
      router.replace('/login?setup=1');
      return;
    }
    for (const [field, key] of Object.entries(result.fieldErrors)) setError(field as keyof SetupInput, { message: key });
    if (result.formError) setFormError(t.raw(result.formError));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t('setup.name')} autoComplete="name" {...field('name')} />
      <TextField label={t('setup.email')} type="email" autoComplete="email" {...field('email')} />
      <NewPasswordFields
        password={{ label: t('setup.password'), description: t('setup.passwordHint'), field: register('password'), error: message(errors.password?.message) }}
        confirm={{ label: t('setup.confirmPassword'), field: register('confirmPassword'), error: message(errors.confirmPassword?.message) }}
      />
      <Button type="submit" variant="primary" className="w-full" pending={formState.isSubmitting}>
        {t('setup.submit')}
      </Button>
    </form>
  );
}
