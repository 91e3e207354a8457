'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { signInSchema, type SignInInput } from '@/lib/validations/sign-in';

export function SignInForm() {
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { identifier: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signIn('password', { ...values, redirect: false });
    if (!result || result.error || !result.ok) {
      setFormError(t('auth.invalidCredentials'));
      return;
    }
    router.replace('/');
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t('auth.identifier')}
        type="email"
        autoComplete="username"
        autoFocus
        error={formState.errors.identifier?.message && t.raw(formState.errors.identifier.message)}
        {...register('identifier')}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
        error={formState.errors.password?.message && t.raw(formState.errors.password.message)}
        {...register('password')}
      />
      <Button type="submit" variant="primary" className="w-full" pending={formState.isSubmitting}>
        {t('auth.submit')}
      </Button>
    </form>
  );
}
