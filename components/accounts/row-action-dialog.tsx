'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ConfirmByTypingForm, refusalOutcome } from '@/components/ui/confirm-by-typing';
import type { ActionResult } from '@/lib/action-result';
import { onRowActionRequest, rowMenuId, type RowActionRequest } from './row-menu';

type Props = {
  /** The account page's server actions (app/(panel)/accounts/actions.ts): the same checks, audit and jobs. */
  setActive: (id: number, active: boolean) => Promise<ActionResult<unknown>>;
  remove: (id: number, input: unknown) => Promise<ActionResult<unknown>>;
};

/**
 * The account list's one confirmation dialog for its rows' Deactivate, Reactivate and Delete (row-menu.ts):
 * rendered once, filled by the row that asked. Delete asks for the address typed, as the account page does.
 * The actions revalidate the list, which re-renders in place; the outcome is announced above it. Focus
 * returns to the row's menu button, or to the notice when the row is gone.
 */
export function RowActionDialog({ setActive, remove }: Props) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  const deleted = useRef(false);
  const titleId = useId();
  const textId = useId();
  const [request, setRequest] = useState<RowActionRequest | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);

  useEffect(
    () =>
      onRowActionRequest((next) => {
        setError(null);
        setRequest(next);
      }),
    [],
  );
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
  }, [request]);

  const close = () => dialog.current?.close();
  const onClosed = () => {
    // A deleted row is on its way out of the list (the revalidated page is being applied): the notice then.
    const button = request && !deleted.current && document.querySelector<HTMLElement>(`[popovertarget="${rowMenuId(request.id)}"]`);
    if (button) button.focus();
    else noticeBox.current?.focus();
    deleted.current = false;
    setRequest(null);
  };
  const done = (key: 'deactivated' | 'reactivated' | 'deleted', address: string) => {
    const text = key === 'deleted' ? t('accountsList.notices.deleted', { address }) : t(`accountsList.rowActions.${key}`, { address });
    deleted.current = key === 'deleted';
    // A new key each time: the same words twice are announced twice.
    setNotice((previous) => ({ text, at: (previous?.at ?? 0) + 1 }));
    close();
  };

  const toggle = async ({ id, address, action }: RowActionRequest) => {
    setPending(true);
    setError(null);
    const result = await setActive(id, action === 'reactivate').catch(() => null);
    setPending(false);
    if (!result) return setError(t('errors.generic'));
    if (!result.ok) return setError(t.raw(result.formError ?? 'errors.generic'));
    done(action === 'reactivate' ? 'reactivated' : 'deactivated', address);
  };

  const confirmDelete = async ({ id, address }: RowActionRequest, typed: string) => {
    const result = await remove(id, { confirmAddress: typed }).catch(() => null);
    if (!result) return { formError: t('errors.generic') };
    if (!result.ok) return refusalOutcome(result, 'confirmAddress', t.raw);
    done('deleted', address);
    return undefined;
  };

  const action = request?.action;
  return (
    <>
      <div ref={noticeBox} tabIndex={-1} className="outline-none empty:hidden">
        {notice && (
          <Alert key={notice.at} tone="success">
            {notice.text}
          </Alert>
        )}
      </div>
      <ConfirmDialog
        dialogRef={dialog}
        labelledBy={titleId}
        describedBy={textId}
        pending={pending}
        error={action === 'delete' ? null : error}
        onClose={onClosed}
        confirm={
          request && action && action !== 'delete'
            ? { label: t(`accountsList.rowActions.${action}Button`), variant: action === 'deactivate' ? 'danger' : 'primary', onClick: () => void toggle(request) }
            : undefined
        }
      >
        {request && action && (
          <>
            <h2 id={titleId} className="text-lg font-semibold wrap-anywhere">
              {t(`accountsList.rowActions.${action}Title`, { address: request.address })}
            </h2>
            <p id={textId} className="text-sm text-slate-700">
              {t(`accountsList.rowActions.${action}Text`)}
            </p>
            {action === 'delete' && (
              <ConfirmByTypingForm
                key={request.id}
                label={t('accountsList.rowActions.deleteConfirmLabel', { address: request.address })}
                submitLabel={t('accountsList.rowActions.deleteButton')}
                onConfirm={(typed) => confirmDelete(request, typed)}
                className="space-y-3"
                extra={
                  <Button variant="secondary" onClick={close}>
                    {t('common.cancel')}
                  </Button>
                }
              />
            )}
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
