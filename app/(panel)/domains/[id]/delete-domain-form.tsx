'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { TextField } from '@/components/ui/text-field';
import { deleteDomainAction } from '../actions';

export function DeleteDomainForm({ id, name }: { id: number; name: string }) {
  const t = useT();
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setPending(true);
    setFieldError(undefined);
    setFormError(null);
    const result = await deleteDomainAction(id, { confirmName: typed });
    setPending(false);
    if (result.ok) {
      router.replace(`/domains?deleted=${encodeURIComponent(result.data.name)}`);
      router.refresh();
      return;
    }
    setFieldError(result.fieldErrors.confirmName && t.raw(result.fieldErrors.confirmName));
    if (result.formError) setFormError(t.raw(result.formError));
  };

  return (
    <Card className="border-red-200">
      <CardTitle>{t('domains.deleteTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">{t('domains.deleteText')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4 space-y-3">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField
          label={t('domains.deleteConfirmLabel', { name })}
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={fieldError}
        />
        <Button type="submit" variant="danger" pending={pending} disabled={typed.trim().length === 0}>
          {t('domains.deleteButton')}
        </Button>
      </form>
    </Card>
  );
}
