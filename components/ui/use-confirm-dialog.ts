'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useT } from '@/components/i18n-provider';
import type { ActionResult, Refusal } from '@/lib/action-result';

/**
 * The state behind one `ConfirmDialog`: its ref and ids, the action's pending state and refusal, and a status
 * line for screen readers. `run` calls the server action; a refusal stays in the dialog (unless `onRefused`
 * places it, e.g. beside a field), a success closes it and may announce what was done.
 */
export function useConfirmDialog() {
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

  function run<T>(action: () => Promise<ActionResult<T>>, onDone?: (data: T) => string | void, onRefused?: (refusal: Refusal) => boolean) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        if (!onRefused?.(result)) setError(t.raw(result.formError ?? 'errors.generic'));
        return;
      }
      const said = onDone?.(result.data);
      if (said) setAnnouncement(said);
      dialogRef.current?.close();
    });
  }

  /** For `<ConfirmDialog {...dialog.props}>` whose children carry `titleId` and `bodyId`. */
  const props = { dialogRef, labelledBy: titleId, describedBy: bodyId, pending, error };
  return { dialogRef, titleId, bodyId, pending, error, announcement, open, run, props };
}
