'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SignInAddressField } from '@/components/auth/auth-fields';
import type { ForgotPasswordInput } from '@/lib/validations/recovery';
import { forgotPasswordAction } from '../actions';

const loadForgotPasswordSchema = () => import('@/lib/validations/recovery').then((m) => m.forgotPasswordSchema);

type Status = { tone: 'success' | 'error'; text: string } | null;

export function ForgotPasswordForm() {
  const t = useT();
  const [status, setStatus] = useState<Status>(null);
  const { register, handleSubmit, setError, formState } = useForm<ForgotPasswordInput>({
    resolver: useLazyZodResolver(loadForgotPasswordSchema),
    defaultValues: { address: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await forgotPasswordAction(values).catch(() => null);
    if (!result) return setStatus({ tone: 'error', text: t('errors.generic') });
    if (result.ok) return setStatus({ tone: 'success', text: t('recovery.forgot.sent') });
    if (result.fieldErrors.address) setError('address', { message: result.fieldErrors.address }, { shouldFocus: true });
    if (result.formError) setStatus({ tone: 'error', text: t.raw(result.formError) });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <SignInAddressField
        label={t('recovery.forgot.address')}
        error={formState.errors.address?.message && t.raw(formState.errors.address.message)}
        {...register('address')}
      />
      <Button type="submit" variant="primary" className="w-full" pending={formState.isSubmitting}>
        {t('recovery.forgot.submit')}
      </Button>
    </form>
  );
}
