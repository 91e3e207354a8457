'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
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
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
        className="fixed inset-0 m-auto h-fit w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-4 p-5 sm:p-6">
          <p id={titleId} className="text-sm whitespace-normal text-slate-800 wrap-anywhere">
            {t('api.tokens.revokeConfirm', { name })}
          </p>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => dialogRef.current?.close()} disabled={pending} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" onClick={confirm} pending={pending}>
              {t('api.tokens.revoke')}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
