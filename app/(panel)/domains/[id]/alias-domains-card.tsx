'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { TextField } from '@/components/ui/text-field';
import { addAliasDomainAction, removeAliasDomainAction } from '../actions';

const loadSchema = () => import('@/lib/validations/alias-domain').then((m) => m.aliasDomainSchema);

type Item = { id: number; name: string; display: string };

/** A domain's alias domains (issue 17, point 4): the list with a remove button each, and the form to add one. */
export function AliasDomainsCard({ id, domainName, items }: { id: number; domainName: string; items: Item[] }) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const { register, handleSubmit, getValues, setError, reset, formState } = useForm<{ name: string }>({
    resolver: useLazyZodResolver(loadSchema) as never,
    defaultValues: { name: '' },
  });

  const onSubmit = handleSubmit(async () => {
    setStatus(null);
    const result = await addAliasDomainAction(id, getValues());
    if (result.ok) {
      reset({ name: '' });
      setStatus({ tone: 'success', text: t('domains.aliasDomains.added', { name: result.data.name }) });
      router.refresh();
      return;
    }
    if (result.fieldErrors.name) setError('name', { type: 'server', message: result.fieldErrors.name }, { shouldFocus: true });
    else setStatus({ tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
  });

  const remove = async (item: Item) => {
    setPending(true);
    setStatus(null);
    const result = await removeAliasDomainAction(item.id);
    setPending(false);
    setConfirming(null);
    setStatus(result.ok ? { tone: 'success', text: t('domains.aliasDomains.removed', { name: item.display }) } : { tone: 'error', text: t.raw(result.formError ?? 'errors.generic') });
    if (result.ok) router.refresh();
  };

  const nameError = formState.errors.name?.message;
  return (
    <Card>
      <CardTitle>{t('domains.aliasDomains.title')}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t('domains.aliasDomains.intro', { domain: domainName })}</p>
      {status && (
        <Alert tone={status.tone} className="mt-3">
          {status.text}
        </Alert>
      )}
      {items.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700">{t('domains.aliasDomains.none')}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2">
              <span className="font-medium break-all text-slate-900">{item.display}</span>
              {confirming === item.id ? (
                <span role="group" aria-label={t('domains.aliasDomains.removeLabel', { name: item.display })} className="flex flex-wrap items-center gap-2">
                  <span className="text-sm text-slate-900">{t('domains.aliasDomains.confirmRemove', { name: item.display })}</span>
                  <Button variant="danger" pending={pending} onClick={() => void remove(item)}>
                    {t('domains.aliasDomains.confirm')}
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirming(null)}>
                    {t('common.cancel')}
                  </Button>
                </span>
              ) : (
                <Button variant="secondary" aria-label={t('domains.aliasDomains.removeLabel', { name: item.display })} onClick={() => setConfirming(item.id)}>
                  {t('domains.aliasDomains.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-wrap items-end gap-3">
        <TextField
          label={t('domains.aliasDomains.name')}
          description={t('domains.aliasDomains.nameHint')}
          autoComplete="off"
          spellCheck={false}
          className="w-full max-w-md"
          error={nameError ? t.raw(nameError) : undefined}
          {...register('name')}
        />
        <Button type="submit" pending={formState.isSubmitting}>
          {t('domains.aliasDomains.add')}
        </Button>
      </form>
    </Card>
  );
}
