'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { TextField } from '@/components/ui/text-field';
import type { ChangePasswordInput } from '@/lib/validations/security';
import { changePasswordAction } from '../actions';
import { fieldProps } from '@/components/forms/field-props';

type Status = { tone: 'success' | 'error'; text: string } | null;

export function ChangePasswordForm({ address, reuseBlocked, gated }: { address: string; reuseBlocked: boolean; gated: boolean }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const loadSchema = useCallback(() => import('@/lib/validations/security').then((m) => m.changePasswordSchema(address)), [address]);
  const { register, handleSubmit, setError, reset, formState } = useForm<ChangePasswordInput>({
    resolver: useLazyZodResolver(loadSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    let result;
    try {
      result = await changePasswordAction(values);
    } catch {
      setStatus({ tone: 'error', text: t('errors.generic') });
      return;
    }
    if (result.ok) {
      reset();
      setStatus({ tone: 'success', text: t('security.password.changed') });
      // Done with the gate: on to what comes next (enrolment, if OTP is required, or the panel).
      if (gated) router.replace('/');
      router.refresh();
      return;
    }
    let first = true;
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      setError(field as Path<ChangePasswordInput>, { message: key }, { shouldFocus: first });
      first = false;
    }
    if (result.formError) setStatus({ tone: 'error', text: t.raw(result.formError) });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      {/* The address, for password managers: which account this new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={address} readOnly hidden />
      <TextField
        label={t('security.password.current')}
        type="password"
        autoComplete="current-password"
        {...field('currentPassword')}
      />
      <NewPasswordFields
        password={{
          label: t('security.password.new'),
          description: `${t('security.password.newHint')}${reuseBlocked ? ` ${t('security.password.reuseHint')}` : ''}`,
          field: register('newPassword'),
          error: message(errors.newPassword?.message),
        }}
        confirm={{ label: t('security.password.confirm'), field: register('confirmPassword'), error: message(errors.confirmPassword?.message) }}
      />
      <p className="text-sm text-slate-700">{t('security.password.endsOthers')}</p>
      <Button type="submit" pending={formState.isSubmitting}>
        {t('security.password.submit')}
      </Button>
    </form>
  );
}
