'use client';

import type { ReactNode, RefObject } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from './alert';
import { Button } from './button';
import type { ButtonVariant } from './classes';

type Props = {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** The ids of the title and text in `children`. */
  labelledBy: string;
  describedBy?: string;
  pending: boolean;
  error: string | null;
  /** The confirm button beside Cancel; without it, `children` bring their own (a form, say). */
  confirm?: { label: string; variant: ButtonVariant; onClick: () => void };
  /** After it closed, by a button or Escape. */
  onClose?: () => void;
  children: ReactNode;
};

/** A confirmation in a modal `<dialog>`, opened with `dialogRef.current.showModal()`. */
export function ConfirmDialog({ dialogRef, labelledBy, describedBy, pending, error, confirm, onClose, children }: Props) {
  const t = useT();
  const close = () => dialogRef.current?.close();
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      // Escape closes the dialog, except while the change is being saved.
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
      onClose={onClose}
      className="fixed inset-0 m-auto h-fit w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-5 sm:p-6">
        {children}
        {error && <Alert tone="error">{error}</Alert>}
        {confirm && (
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            {/* The safe choice has the focus when the dialog opens. */}
            <Button variant="secondary" onClick={close} disabled={pending} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button variant={confirm.variant} onClick={confirm.onClick} pending={pending}>
              {confirm.label}
            </Button>
          </div>
        )}
      </div>
    </dialog>
  );
}
