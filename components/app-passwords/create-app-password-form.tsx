'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import type { ActionResult } from '@/lib/action-result';
import type { CreatedAppPassword } from '@/lib/app-passwords/own';
import type { AppPasswordInput, AppPasswordValues } from '@/lib/validations/app-password';
import { APP_PASSWORD_PROTOCOLS } from '@/lib/validations/app-password-constants';
import { fieldProps } from '@/components/forms/field-props';

const loadAppPasswordSchema = () => import('@/lib/validations/app-password').then((m) => m.appPasswordSchema);

export type CreateAppPassword = (input: unknown) => Promise<ActionResult<CreatedAppPassword>>;

const EMPTY: AppPasswordInput = { name: '', protocol: 'imap' };

/** Name + protocol; the new secret is then shown once, above the form, until the page is left. */
export function CreateAppPasswordForm({ address, create, full }: { address: string; create: CreateAppPassword; full: boolean }) {
  const t = useT();
  const router = useRouter();
  const [created, setCreated] = useState<CreatedAppPassword | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<AppPasswordInput, unknown, AppPasswordValues>({
    resolver: useLazyZodResolver(loadAppPasswordSchema),
    defaultValues: EMPTY,
  });
  const { errors, isSubmitting } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    try {
      const result = await create(values);
      if (result.ok) {
        reset(EMPTY);
        setCreated(result.data);
        router.refresh();
        return;
      }
      for (const [field, key] of Object.entries(result.fieldErrors)) setError(field as keyof AppPasswordInput, { message: key }, { shouldFocus: true });
      if (result.formError) setFormError(t.raw(result.formError));
    } catch {
      setFormError(t('errors.generic'));
    }
  });

  return (
    <div className="space-y-5">
      {created && (
        <div ref={createdRef} tabIndex={-1} className="space-y-3 focus:outline-none">
          <Alert tone="success">{t('appPasswords.created', { name: created.name, protocol: t(`appPasswords.protocols.${created.protocol}`) })}</Alert>
          <OneTimeSecret label={t('appPasswords.secretLabel')} value={created.secret} />
          <p className="text-sm text-slate-700">{t('appPasswords.secretHint', { address })}</p>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('appPasswords.name')} description={t('appPasswords.nameHint')} autoComplete="off" maxLength={60} {...field('name')} />
          <SelectField label={t('appPasswords.protocol')} description={t('appPasswords.protocolHint')} {...field('protocol')}>
            {APP_PASSWORD_PROTOCOLS.map((protocol) => (
              <option key={protocol} value={protocol}>
                {t(`appPasswords.protocols.${protocol}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" pending={isSubmitting} disabled={full}>
          {t('appPasswords.create')}
        </Button>
      </form>
    </div>
  );
}
