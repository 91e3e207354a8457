'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { OtpCodeField } from '@/components/auth/auth-fields';
import type { OtpCodeFormInput } from '@/lib/validations/security';
import { disableOtpAction, enableOtpAction } from '../actions';

const loadOtpCodeFormSchema = () => import('@/lib/validations/security').then((m) => m.otpCodeFormSchema);

type Status = { tone: 'success' | 'error'; text: string } | null;

/** One code from the app: to confirm enrolment, or to turn OTP off. */
export function OtpCodeForm({ mode, gated = false }: { mode: 'enable' | 'disable'; gated?: boolean }) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<OtpCodeFormInput>({
    resolver: useLazyZodResolver(loadOtpCodeFormSchema),
    defaultValues: { code: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    let result;
    try {
      result = await (mode === 'enable' ? enableOtpAction(values) : disableOtpAction(values));
    } catch {
      setStatus({ tone: 'error', text: t('errors.generic') });
      return;
    }
    if (result.ok) {
      reset();
      setStatus({ tone: 'success', text: t(mode === 'enable' ? 'security.otp.enabled' : 'security.otp.disabled') });
      if (gated) router.replace('/');
      router.refresh();
      return;
    }
    if (result.fieldErrors.code) setError('code', { message: result.fieldErrors.code }, { shouldFocus: true });
    if (result.formError) setStatus({ tone: 'error', text: t.raw(result.formError) });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <OtpCodeField
        label={t('security.otp.code')}
        className="max-w-48"
        error={formState.errors.code?.message && t.raw(formState.errors.code.message)}
        {...register('code')}
      />
      <Button type="submit" variant={mode === 'enable' ? 'primary' : 'danger'} pending={formState.isSubmitting}>
        {t(mode === 'enable' ? 'security.otp.enable' : 'security.otp.disable')}
      </Button>
    </form>
  );
}
