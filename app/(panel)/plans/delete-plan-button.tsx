'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { deletePlanAction } from './actions';

/** "Delete plan", then an explicit confirmation in a modal dialog (Escape or Cancel closes it). */
export function DeletePlanButton({ planId, planName }: { planId: number; planName: string }) {
  const t = useT();
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setError(null);
    dialogRef.current?.showModal();
  };
  const close = () => dialogRef.current?.close();

  const confirm = async () => {
    setPending(true);
    setError(null);
    const result = await deletePlanAction(planId);
    setPending(false);
    if (result.ok) {
      close();
      router.replace('/plans?deleted=1');
      router.refresh();
      return;
    }
    setError(t.raw(result.formError ?? 'errors.generic'));
  };

  return (
    <>
      <Button variant="danger" onClick={open}>
        {t('plans.delete.button')}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={textId}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {t('plans.delete.title')}
          </h2>
          <p id={textId} className="text-sm text-slate-700 wrap-anywhere">
            {t('plans.delete.confirm', { name: planName })}
          </p>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-wrap justify-end gap-3">
            {/* The safe choice has the focus when the dialog opens. */}
            <Button variant="secondary" onClick={close} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" pending={pending} onClick={() => void confirm()}>
              {t('plans.delete.confirmButton')}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
