'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { revokeApiTokenAction } from './actions';

/** Revoke, behind a confirmation in a modal `<dialog>`. */
export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await revokeApiTokenAction(id);
      if (!result.ok) {
        setError(t.raw(result.formError ?? 'errors.generic'));
        return;
      }
      dialogRef.current?.close();
    });
  }

  return (
    <>
      <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={t('api.tokens.revokeLabel', { name })} onClick={() => dialogRef.current?.showModal()}>
        {t('api.tokens.revoke')}
      </Button>
      <ConfirmDialog dialogRef={dialogRef} labelledBy={titleId} pending={pending} error={error} confirm={{ label: t('api.tokens.revoke'), variant: 'danger', onClick: confirm }}>
        <p id={titleId} className="text-sm whitespace-normal text-slate-800 wrap-anywhere">
          {t('api.tokens.revokeConfirm', { name })}
        </p>
      </ConfirmDialog>
    </>
  );
}
