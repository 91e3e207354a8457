'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useConfirmDialog } from '@/components/ui/use-confirm-dialog';
import { endOtherSessionsAction } from './session-actions';

/** "Sign out everywhere else", behind a confirmation: every session of the caller but this one ends. */
export function EndOtherSessionsButton() {
  const t = useT();
  const dialog = useConfirmDialog();
  const confirm = () => dialog.run(endOtherSessionsAction, (data) => t('selfService.sessions.endedOthers', { count: data.ended }));

  return (
    <div className="space-y-2">
      <Button variant="secondary" aria-haspopup="dialog" onClick={dialog.open}>
        {t('selfService.sessions.signOutOthers')}
      </Button>
      <p role="status" className="text-sm text-slate-700">
        {dialog.announcement}
      </p>
      <ConfirmDialog dialogRef={dialog.dialogRef} labelledBy={dialog.titleId} pending={dialog.pending} error={dialog.error} confirm={{ label: t('selfService.sessions.signOutOthers'), variant: 'danger', onClick: confirm }}>
        <p id={dialog.titleId} className="text-sm whitespace-normal text-slate-800">
          {t('selfService.sessions.signOutOthersConfirm')}
        </p>
      </ConfirmDialog>
    </div>
  );
}
