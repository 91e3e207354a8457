'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { AliasSenders } from '@/lib/validations/alias-constants';
import { deleteAliasAction, updateAliasAction } from '../actions';

type Saved = { version: number; description: string; active: boolean; targets: string[]; senders: AliasSenders; sendAs: string[] };

/**
 * Deactivate / activate (the saved alias with its switch flipped, through the same update as the form)
 * and delete after a confirmation.
 */
export function AliasStatus({ id, domainId, address, saved }: { id: number; domainId: number; address: string; saved: Saved }) {
  const t = useT();
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const [pending, setPending] = useState<'toggle' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const toggle = async () => {
    setPending('toggle');
    setError(null);
    const result = await updateAliasAction(id, { ...saved, active: !saved.active });
    setPending(null);
    if (!result.ok) return setError(t.raw(result.formError ?? result.fieldErrors.targets ?? 'errors.generic'));
    router.refresh();
  };

  const remove = async () => {
    setPending('delete');
    setDeleteError(null);
    const result = await deleteAliasAction(id);
    setPending(null);
    if (!result.ok) return setDeleteError(t.raw(result.formError ?? 'errors.generic'));
    dialogRef.current?.close();
    router.replace(`/domains/${domainId}/aliases`);
    router.refresh();
  };

  return (
    <Card>
      <CardTitle>{t('aliases.status.title')}</CardTitle>
      <p className="mt-1 text-sm text-slate-700">{saved.active ? t('aliases.status.activeText') : t('aliases.status.inactiveText')}</p>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button variant={saved.active ? 'secondary' : 'primary'} pending={pending === 'toggle'} onClick={() => void toggle()}>
          {saved.active ? t('aliases.status.deactivate') : t('aliases.status.activate')}
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            setDeleteError(null);
            dialogRef.current?.showModal();
          }}
        >
          {t('aliases.delete.button')}
        </Button>
      </div>
      <ConfirmDialog
        dialogRef={dialogRef}
        labelledBy={titleId}
        describedBy={textId}
        pending={pending === 'delete'}
        error={deleteError}
        confirm={{ label: t('aliases.delete.confirmButton'), variant: 'danger', onClick: () => void remove() }}
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {t('aliases.delete.title')}
        </h2>
        <p id={textId} className="text-sm text-slate-700 wrap-anywhere">
          {t('aliases.delete.confirm', { address })}
        </p>
      </ConfirmDialog>
    </Card>
  );
}
