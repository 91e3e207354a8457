'use client';

import { useRouter } from 'next/navigation';
import { useT } from '@/components/i18n-provider';
import { Card, CardTitle } from '@/components/ui/card';
import { ConfirmByTypingForm, refusalOutcome } from '@/components/ui/confirm-by-typing';
import { deleteDomainAction } from '../actions';

export function DeleteDomainForm({ id, name }: { id: number; name: string }) {
  const t = useT();
  const router = useRouter();

  const onConfirm = async (typed: string) => {
    const result = await deleteDomainAction(id, { confirmName: typed });
    if (result.ok) {
      router.replace(`/domains?deleted=${encodeURIComponent(result.data.name)}`);
      router.refresh();
      return undefined;
    }
    return refusalOutcome(result, 'confirmName', t.raw);
  };

  return (
    <Card className="border-red-200">
      <CardTitle>{t('domains.deleteTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">{t('domains.deleteText')}</p>
      <ConfirmByTypingForm label={t('domains.deleteConfirmLabel', { name })} submitLabel={t('domains.deleteButton')} onConfirm={onConfirm} />
    </Card>
  );
}
