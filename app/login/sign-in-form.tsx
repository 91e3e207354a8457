'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useQueuedSubmit } from '@/components/forms/use-queued-submit';
import { OtpCodeField, SignInAddressField } from '@/components/auth/auth-fields';
import { signInWithPassword } from '@/components/auth/auth-requests';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { parseSignInError, type SignInError } from '@/lib/auth/sign-in-errors';
import type { OtpCodeFormInput } from '@/lib/validations/security';
import type { SignInInput } from '@/lib/validations/sign-in';

const loadSignInSchema = () => import('@/lib/validations/sign-in').then((m) => m.signInSchema);

const loadCodeFormSchema = () => import('@/lib/validations/security').then((m) => m.otpCodeFormSchema);

/** Sign-in in two steps: address and password, then (when OTP is on) a code from the app. */
export function SignInForm() {
  const t = useT();
  const router = useRouter();
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const describe = (error: SignInError): string => {
    switch (error.code) {
      case 'throttled':
        return t('auth.throttled', { minutes: error.minutes });
      case 'badCode':
        return t('security.signIn.badCode');
      case 'restart':
        return t('security.signIn.restart');
      case 'unavailable':
        return t('errors.databaseDown');
      case 'webmailOff':
        return t('security.signIn.webmailOff');
      default:
        return t('auth.invalidCredentials');
    }
  };

  /** next-auth answers with `error` set to what authorize() threw (lib/auth/sign-in-errors.ts). */
  const submit = async (credentials: Record<string, string>): Promise<void> => {
    setFormError(null);
    const result = await signInWithPassword(credentials).catch(() => undefined);
    if (result?.ok) {
      router.replace('/');
      router.refresh();
      return;
    }
    const error = parseSignInError(result?.error);
    if (error.code === 'otp') {
      setPendingToken(error.pendingToken);
      return;
    }
    if (error.code === 'restart') setPendingToken(null);
    setFormError(describe(error));
  };

  return pendingToken ? (
    <CodeStep
      formError={formError}
      onSubmit={(code) => submit({ pendingToken, code })}
      onStartOver={() => {
        setPendingToken(null);
        setFormError(null);
      }}
    />
  ) : (
    <PasswordStep formError={formError} onSubmit={(values) => submit(values)} />
  );
}

function PasswordStep({ formError, onSubmit }: { formError: string | null; onSubmit: (values: { identifier: string; password: string }) => Promise<void> }) {
  const t = useT();
  const { register, handleSubmit, formState } = useForm<SignInInput>({
    resolver: useLazyZodResolver(loadSignInSchema),
    defaultValues: { identifier: '', password: '' },
  });
  // Usable before the page's JavaScript arrives: a submit meanwhile waits for it (use-queued-submit.ts);
  // method="post" so that, with no JavaScript at all, the password never goes into the address.
  const queued = useQueuedSubmit();
  return (
    <form {...queued} method="post" onSubmit={handleSubmit(({ identifier, password }) => onSubmit({ identifier, password }))} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <SignInAddressField
        label={t('auth.identifier')}
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

function CodeStep({ formError, onSubmit, onStartOver }: { formError: string | null; onSubmit: (code: string) => Promise<void>; onStartOver: () => void }) {
  const t = useT();
  const { register, handleSubmit, reset, formState } = useForm<OtpCodeFormInput>({
    resolver: useLazyZodResolver(loadCodeFormSchema),
    defaultValues: { code: '' },
  });
  return (
    <form
      onSubmit={handleSubmit(async ({ code }) => {
        await onSubmit(code);
        reset();
      })}
      noValidate
      className="space-y-4"
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <p className="text-sm text-slate-700">{t('security.signIn.codeIntro')}</p>
      <OtpCodeField
        label={t('security.signIn.code')}
        autoFocus
        error={formState.errors.code?.message && t.raw(formState.errors.code.message)}
        {...register('code')}
      />
      <Button type="submit" variant="primary" className="w-full" pending={formState.isSubmitting}>
        {t('security.signIn.verify')}
      </Button>
      <Button variant="ghost" className="w-full" onClick={onStartOver}>
        {t('security.signIn.startOver')}
      </Button>
    </form>
  );
}
