'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useConfirmDialog } from '@/components/ui/use-confirm-dialog';
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
  const dialog = useConfirmDialog();
  const [toggling, setToggling] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async () => {
    setToggling(true);
    setError(null);
    const result = await updateAliasAction(id, { ...saved, active: !saved.active });
    setToggling(false);
    if (!result.ok) return setError(t.raw(result.formError ?? result.fieldErrors.targets ?? 'errors.generic'));
    router.refresh();
  };

  // Deleted: back to the domain's aliases (the dialog closes); refused: the reason stays in the dialog.
  const remove = () =>
    dialog.run(
      () => deleteAliasAction(id),
      () => {
        router.replace(`/domains/${domainId}/aliases`);
        router.refresh();
      },
    );

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
        <Button variant={saved.active ? 'secondary' : 'primary'} pending={toggling} onClick={() => void toggle()}>
          {saved.active ? t('aliases.status.deactivate') : t('aliases.status.activate')}
        </Button>
        <Button variant="danger" onClick={dialog.open}>
          {t('aliases.delete.button')}
        </Button>
      </div>
      <ConfirmDialog {...dialog.props} confirm={{ label: t('aliases.delete.confirmButton'), variant: 'danger', onClick: remove }}>
        <h2 id={dialog.titleId} className="text-lg font-semibold text-slate-900">
          {t('aliases.delete.title')}
        </h2>
        <p id={dialog.bodyId} className="text-sm text-slate-700 wrap-anywhere">
          {t('aliases.delete.confirm', { address })}
        </p>
      </ConfirmDialog>
    </Card>
  );
}
