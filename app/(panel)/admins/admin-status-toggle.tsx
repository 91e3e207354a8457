'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
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
      <ConfirmDialog
        dialogRef={dialogRef}
        labelledBy={titleId}
        describedBy={bodyId}
        pending={pending}
        error={error}
        confirm={{
          label: t(active ? 'admins.toggle.confirmDeactivate' : 'admins.toggle.confirmReactivate'),
          variant: active ? 'danger' : 'primary',
          onClick: confirm,
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {t(active ? 'admins.toggle.deactivateTitle' : 'admins.toggle.reactivateTitle')}
        </h2>
        <p id={bodyId} className="text-sm whitespace-normal text-slate-700 wrap-anywhere">
          {t(active ? 'admins.toggle.deactivateBody' : 'admins.toggle.reactivateBody', { email })}
        </p>
      </ConfirmDialog>
    </>
  );
}
