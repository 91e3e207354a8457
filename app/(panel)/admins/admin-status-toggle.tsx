'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { setAdminActiveAction } from './actions';

/** Deactivate / Reactivate for one admin, behind a confirmation in a modal `<dialog>`. */
export function AdminStatusToggle({ id, email, active }: { id: number; email: string; active: boolean }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  function open() {
    setError(null);
    setAnnouncement('');
    dialogRef.current?.showModal();
  }

  function close() {
    dialogRef.current?.close();
  }

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await setAdminActiveAction(id, !active);
      if (!result.ok) {
        setError(t.raw(result.formError ?? 'errors.generic'));
        return;
      }
      setAnnouncement(t(result.data.active ? 'admins.toggle.reactivated' : 'admins.toggle.deactivated', { email }));
      close();
    });
  }

  return (
    <>
      <Button
        variant={active ? 'secondary' : 'primary'}
        size="sm"
        onClick={open}
        aria-haspopup="dialog"
        aria-label={t(active ? 'admins.toggle.deactivateLabel' : 'admins.toggle.reactivateLabel', { email })}
      >
        {t(active ? 'admins.toggle.deactivate' : 'admins.toggle.reactivate')}
      </Button>
      <span role="status" className="sr-only">
        {announcement}
      </span>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        // Escape closes the dialog, except while the change is being saved.
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
        className="fixed inset-0 m-auto h-fit w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-4 p-5 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {t(active ? 'admins.toggle.deactivateTitle' : 'admins.toggle.reactivateTitle')}
          </h2>
          <p id={bodyId} className="text-sm whitespace-normal text-slate-700 wrap-anywhere">
            {t(active ? 'admins.toggle.deactivateBody' : 'admins.toggle.reactivateBody', { email })}
          </p>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            {/* The safe choice has the focus when the dialog opens. */}
            <Button variant="secondary" onClick={close} disabled={pending} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button variant={active ? 'danger' : 'primary'} onClick={confirm} pending={pending}>
              {t(active ? 'admins.toggle.confirmDeactivate' : 'admins.toggle.confirmReactivate')}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
