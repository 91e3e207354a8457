'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useConfirmDialog } from '@/components/ui/use-confirm-dialog';
import { revokeApiTokenAction } from './actions';

/** Revoke, behind a confirmation in a modal `<dialog>`. */
export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const t = useT();
  const dialog = useConfirmDialog();
  const confirm = () => dialog.run(() => revokeApiTokenAction(id));

  return (
    <>
      <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={t('api.tokens.revokeLabel', { name })} onClick={dialog.open}>
        {t('api.tokens.revoke')}
      </Button>
      <ConfirmDialog dialogRef={dialog.dialogRef} labelledBy={dialog.titleId} pending={dialog.pending} error={dialog.error} confirm={{ label: t('api.tokens.revoke'), variant: 'danger', onClick: confirm }}>
        <p id={dialog.titleId} className="text-sm whitespace-normal text-slate-800 wrap-anywhere">
          {t('api.tokens.revokeConfirm', { name })}
        </p>
      </ConfirmDialog>
    </>
  );
}
