'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useConfirmDialog } from '@/components/ui/use-confirm-dialog';
import { setAdminActiveAction } from './actions';

/** Deactivate / Reactivate for one admin, behind a confirmation in a modal `<dialog>`. */
export function AdminStatusToggle({ id, email, active }: { id: number; email: string; active: boolean }) {
  const t = useT();
  const dialog = useConfirmDialog();

  const confirm = () =>
    dialog.run(
      () => setAdminActiveAction(id, !active),
      (data) => t(data.active ? 'admins.toggle.reactivated' : 'admins.toggle.deactivated', { email }),
    );

  return (
    <>
      <Button
        variant={active ? 'secondary' : 'primary'}
        size="sm"
        onClick={dialog.open}
        aria-haspopup="dialog"
        aria-label={t(active ? 'admins.toggle.deactivateLabel' : 'admins.toggle.reactivateLabel', { email })}
      >
        {t(active ? 'admins.toggle.deactivate' : 'admins.toggle.reactivate')}
      </Button>
      <span role="status" className="sr-only">
        {dialog.announcement}
      </span>
      <ConfirmDialog
        {...dialog.props}
        confirm={{
          label: t(active ? 'admins.toggle.confirmDeactivate' : 'admins.toggle.confirmReactivate'),
          variant: active ? 'danger' : 'primary',
          onClick: confirm,
        }}
      >
        <h2 id={dialog.titleId} className="text-lg font-semibold">
          {t(active ? 'admins.toggle.deactivateTitle' : 'admins.toggle.reactivateTitle')}
        </h2>
        <p id={dialog.bodyId} className="text-sm whitespace-normal text-slate-700 wrap-anywhere">
          {t(active ? 'admins.toggle.deactivateBody' : 'admins.toggle.reactivateBody', { email })}
        </p>
      </ConfirmDialog>
    </>
  );
}
