'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import type { CreateApiTokenInput } from '@/lib/validations/api-token';
import { API_TOKEN_EXPIRY } from '@/lib/validations/api-token-constants';
import { createApiTokenAction } from './actions';
import { fieldProps } from '@/components/forms/field-props';

const loadCreateApiTokenSchema = () => import('@/lib/validations/api-token').then((m) => m.createApiTokenSchema);

const DEFAULTS: CreateApiTokenInput = { name: '', access: 'read', expiresInDays: '90' };

/** Name, access and expiry; the new token is shown once, above the form, until the page is left. */
export function CreateTokenForm() {
  const t = useT();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<CreateApiTokenInput>({
    resolver: useLazyZodResolver(loadCreateApiTokenSchema),
    defaultValues: DEFAULTS,
  });
  const { errors } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  return (
    <div className="space-y-5">
      {created && (
        <div className="space-y-3">
          <Alert tone="success">{t('api.tokens.created', { name: created.name })}</Alert>
          <OneTimeSecret label={t('api.tokens.secretLabel')} value={created.token} />
          <p className="text-sm text-slate-700">{t('api.tokens.usage')}</p>
        </div>
      )}
      <form
        noValidate
        className="space-y-4"
        onSubmit={handleSubmit(async (values) => {
          setFormError(null);
          const result = await createApiTokenAction(values);
          if (!result.ok) {
            for (const [field, key] of Object.entries(result.fieldErrors)) setError(field as keyof CreateApiTokenInput, { message: key });
            if (result.formError) setFormError(t.raw(result.formError));
            return;
          }
          setCreated(result.data);
          reset(DEFAULTS);
        })}
      >
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField label={t('api.tokens.name')} description={t('api.tokens.nameHint')} maxLength={100} {...field('name')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label={t('api.tokens.access')} {...field('access')}>
            <option value="read">{t('api.tokens.accessRead')}</option>
            <option value="read_write">{t('api.tokens.accessReadWrite')}</option>
          </SelectField>
          <SelectField label={t('api.tokens.expiry')} {...field('expiresInDays')}>
            {API_TOKEN_EXPIRY.map((expiry) => (
              <option key={expiry} value={expiry}>
                {expiry === 'none' ? t('api.tokens.expiryNone') : t('api.tokens.expiryDays', { days: expiry })}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" pending={formState.isSubmitting}>
          {t('api.tokens.create')}
        </Button>
      </form>
    </div>
  );
}
