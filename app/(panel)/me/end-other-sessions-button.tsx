'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { endOtherSessionsAction } from './session-actions';

/** "Sign out everywhere else", behind a confirmation: every session of the caller but this one ends. */
export function EndOtherSessionsButton() {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await endOtherSessionsAction();
      if (!result.ok) {
        setError(t.raw(result.formError ?? 'errors.generic'));
        return;
      }
      setDone(t('selfService.sessions.endedOthers', { count: result.data.ended }));
      dialogRef.current?.close();
    });
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" aria-haspopup="dialog" onClick={() => dialogRef.current?.showModal()}>
        {t('selfService.sessions.signOutOthers')}
      </Button>
      <p role="status" className="text-sm text-slate-700">
        {done}
      </p>
      <ConfirmDialog dialogRef={dialogRef} labelledBy={titleId} pending={pending} error={error} confirm={{ label: t('selfService.sessions.signOutOthers'), variant: 'danger', onClick: confirm }}>
        <p id={titleId} className="text-sm whitespace-normal text-slate-800">
          {t('selfService.sessions.signOutOthersConfirm')}
        </p>
      </ConfirmDialog>
    </div>
  );
}
