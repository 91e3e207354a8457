'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import type { ResetPasswordInput } from '@/lib/validations/recovery';
import { resetPasswordAction } from '../actions';

type Status = { tone: 'success' | 'error'; text: string } | null;

export function ResetPasswordForm({ token, address }: { token: string; address: string }) {
  const t = useT();
  const [status, setStatus] = useState<Status>(null);
  const [done, setDone] = useState(false);
  const loadSchema = useCallback(() => import('@/lib/validations/recovery').then((m) => m.resetPasswordSchema(address)), [address]);
  const { register, handleSubmit, setError, formState } = useForm<ResetPasswordInput>({
    resolver: useLazyZodResolver(loadSchema),
    defaultValues: { newPassword: '', confirmPassword: '' },
  });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await resetPasswordAction(token, values).catch(() => null);
    if (!result) return setStatus({ tone: 'error', text: t('errors.generic') });
    if (result.ok) {
      setDone(true);
      return setStatus({ tone: 'success', text: t('recovery.reset.done') });
    }
    let first = true;
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      setError(field as Path<ResetPasswordInput>, { message: key }, { shouldFocus: first });
      first = false;
    }
    if (result.formError) setStatus({ tone: 'error', text: t.raw(result.formError) });
  });

  if (done) {
    return (
      <div className="space-y-4">
        {status && <Alert tone={status.tone}>{status.text}</Alert>}
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {t('recovery.backToSignIn')}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <input type="text" name="username" autoComplete="username" value={address} readOnly hidden />
      <NewPasswordFields
        password={{
          label: t('recovery.reset.new'),
          description: t('recovery.reset.newHint'),
          autoFocus: true,
          field: register('newPassword'),
          error: message(formState.errors.newPassword?.message),
        }}
        confirm={{ label: t('recovery.reset.confirm'), field: register('confirmPassword'), error: message(formState.errors.confirmPassword?.message) }}
      />
      <Button type="submit" variant="primary" className="w-full" pending={formState.isSubmitting}>
        {t('recovery.reset.submit')}
      </Button>
    </form>
  );
}
