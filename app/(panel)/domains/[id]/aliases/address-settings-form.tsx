'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { updateAddressSettingsAction } from '@/app/(panel)/aliases/actions';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { refusalStatus } from '@/components/mailbox-settings/section-save';
import { Alert } from '@/components/ui/alert';
import { Card, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { SaveBar, type SaveStatus } from '@/components/ui/save-bar';
import { TextField } from '@/components/ui/text-field';
import { fieldProps } from '@/components/forms/field-props';

const loadSchema = () => import('@/lib/validations/alias').then((m) => m.addressSettingsSchema);

type Values = { version: number; catchAll: string; plusAddressing: boolean };

/** Catch-all (off by default, with the spam warning beside it) and plus-addressing of one domain. */
export function AddressSettingsForm({ domainId, domainName, initial }: { domainId: number; domainName: string; initial: Values }) {
  const t = useT();
  const [status, setStatus] = useState<SaveStatus>(null);
  const { register, handleSubmit, getValues, setValue, setError, formState } = useForm<Values>({
    resolver: useLazyZodResolver(loadSchema) as never,
    defaultValues: initial,
  });
  const { errors } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  const onSubmit = handleSubmit(async () => {
    setStatus(null);
    const result = await updateAddressSettingsAction(domainId, getValues());
    if (result.ok) {
      setValue('version', result.data.version);
      setStatus({ tone: 'success', text: t('aliases.addressSettings.saved') });
      return;
    }
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      if (field === 'catchAll' || field === 'plusAddressing') setError(field, { type: 'server', message: key }, { shouldFocus: true });
    }
    setStatus(refusalStatus(result, t.raw));
  });

  return (
    <Card>
      <CardTitle>{t('aliases.addressSettings.title')}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t('aliases.addressSettings.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-5">
        <Alert tone="warning">{t('aliases.addressSettings.spamWarning')}</Alert>
        <TextField
          label={t('aliases.addressSettings.catchAll')}
          description={t('aliases.addressSettings.catchAllHint', { domain: domainName })}
          autoComplete="off"
          spellCheck={false}
          className="max-w-md"
          {...field('catchAll')}
        />
        <Checkbox label={t('aliases.addressSettings.plusAddressing')} {...field('plusAddressing')} />
        <input type="hidden" {...register('version')} />
        <SaveBar status={status} pending={formState.isSubmitting}>
          {t('aliases.addressSettings.save')}
        </SaveBar>
      </form>
    </Card>
  );
}
