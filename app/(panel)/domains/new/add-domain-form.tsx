'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonClasses } from '@/components/ui/classes';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import type { AddedDomain } from '@/lib/domains/add-domain';
import type { AddDomainInput } from '@/lib/validations/domain';
import { addDomainAction } from '../actions';
import { fieldProps } from '@/components/forms/field-props';

const loadAddDomainSchema = () => import('@/lib/validations/domain').then((m) => m.addDomainSchema);

type Option = { id: number; name?: string; email?: string };

export function AddDomainForm({ plans, admins, selfId }: { plans: Option[]; admins: Option[]; selfId: number }) {
  const t = useT();
  const [added, setAdded] = useState<AddedDomain | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<AddDomainInput>({
    resolver: useLazyZodResolver(loadAddDomainSchema),
    defaultValues: { name: '', planId: plans.length === 1 ? plans[0]?.id : ('' as unknown as number), adminId: admins.length ? selfId : undefined },
  });
  const { errors } = formState;
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);
  const field = fieldProps(register, errors, message);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await addDomainAction(values);
    if (result.ok) return setAdded(result.data);
    for (const [field, key] of Object.entries(result.fieldErrors)) setError(field as keyof AddDomainInput, { message: key });
    if (result.formError) setFormError(t.raw(result.formError));
  });

  if (added) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t('domains.added', { name: added.name })}</Alert>
        <p className="text-sm text-slate-700">{t('domains.postmasterCreated', { address: added.postmaster })}</p>
        <OneTimeSecret label={t('domains.postmasterPassword')} value={added.postmasterPassword} />
        <Link href={`/domains/${added.id}`} className={buttonClasses('primary')}>
          {t('domains.goToDomain')}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t('domains.fields.name')} description={t('domains.fields.nameHint')} autoComplete="off" {...field('name')} />
      <SelectField label={t('domains.fields.plan')} {...field('planId')}>
        <option value="">{t('domains.fields.choosePlan')}</option>
        {plans.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.name}
          </option>
        ))}
      </SelectField>
      {admins.length > 0 && (
        <SelectField label={t('domains.fields.owner')} {...field('adminId')}>
          {admins.map((admin) => (
            <option key={admin.id} value={admin.id}>
              {admin.email}
            </option>
          ))}
        </SelectField>
      )}
      <Button type="submit" pending={formState.isSubmitting}>
        {t('domains.submitAdd')}
      </Button>
    </form>
  );
}
