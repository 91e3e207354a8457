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

type TriggerProps = {
  /** From useConfirmDialog: the dialog's state, ids and the outcome to announce. */
  dialog: {
    props: Omit<Props, 'confirm' | 'children'>;
    titleId: string;
    bodyId: string;
    announcement: string;
    open: () => void;
  };
  /** The small button in the row that opens the dialog (its `onOpen` instead of the plain open, when given). */
  trigger: { label: ReactNode; ariaLabel: string; variant: ButtonVariant; onOpen?: () => void };
  title: ReactNode;
  body: ReactNode;
  confirm: Props['confirm'];
  /** Below the text (a form, for a dialog that asks for a value). */
  children?: ReactNode;
};

/**
 * A row's button that opens a ConfirmDialog with a title and a text, and the status line (for screen
 * readers) that says what was done once it closes.
 */
export function ConfirmDialogTrigger({ dialog, trigger, title, body, confirm, children }: TriggerProps) {
  return (
    <>
      <Button variant={trigger.variant} size="sm" onClick={trigger.onOpen ?? dialog.open} aria-haspopup="dialog" aria-label={trigger.ariaLabel}>
        {trigger.label}
      </Button>
      <span role="status" className="sr-only">
        {dialog.announcement}
      </span>
      <ConfirmDialog {...dialog.props} confirm={confirm}>
        <h2 id={dialog.titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={dialog.bodyId} className="text-sm whitespace-normal text-slate-700 wrap-anywhere">
          {body}
        </p>
        {children}
      </ConfirmDialog>
    </>
  );
}
