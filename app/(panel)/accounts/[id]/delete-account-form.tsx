'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useT } from '@/components/i18n-provider';
import { Card, CardTitle } from '@/components/ui/card';
import { ConfirmByTypingForm, refusalOutcome } from '@/components/ui/confirm-by-typing';
import { useHydrated } from '@/components/ui/use-hydrated';
import { deleteAccountAction } from '../actions';

type Props = {
  id: number;
  /** As shown (Unicode domain); the ASCII form is accepted too. */
  address: string;
  /** Put the caret in the confirmation field at once (the list's "More" menu links here with ?action=delete). */
  focus: boolean;
};

export function DeleteAccountForm({ id, address, focus }: Props) {
  const t = useT();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  // The field is enabled once React has hydrated; focus it then.
  const hydrated = useHydrated();
  useEffect(() => {
    if (focus && hydrated) input.current?.focus();
  }, [focus, hydrated]);

  const onConfirm = async (typed: string) => {
    const result = await deleteAccountAction(id, { confirmAddress: typed }).catch(() => null);
    if (!result) return { formError: t('errors.generic') };
    if (result.ok) {
      router.replace(`/domains/${result.data.domainId}/accounts?deleted=${encodeURIComponent(result.data.address)}`);
      router.refresh();
      return undefined;
    }
    return refusalOutcome(result, 'confirmAddress', t.raw);
  };

  return (
    <Card id="delete-account" aria-labelledby="delete-account-title" role="region" className="scroll-mt-6 border-red-200">
      <CardTitle id="delete-account-title">{t('accounts.deleteTitle')}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">{t('accounts.deleteText')}</p>
      <ConfirmByTypingForm
        label={t('accounts.deleteConfirmLabel', { address })}
        submitLabel={t('accounts.deleteButton')}
        onConfirm={onConfirm}
        inputRef={input}
      />
    </Card>
  );
}
