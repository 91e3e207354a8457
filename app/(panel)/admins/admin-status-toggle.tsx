'use client';

import { useT } from '@/components/i18n-provider';
import { ConfirmDialogTrigger } from '@/components/ui/confirm-dialog';
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
    <ConfirmDialogTrigger
      dialog={dialog}
      trigger={{
        label: t(active ? 'admins.toggle.deactivate' : 'admins.toggle.reactivate'),
        ariaLabel: t(active ? 'admins.toggle.deactivateLabel' : 'admins.toggle.reactivateLabel', { email }),
        variant: active ? 'secondary' : 'primary',
      }}
      title={t(active ? 'admins.toggle.deactivateTitle' : 'admins.toggle.reactivateTitle')}
      body={t(active ? 'admins.toggle.deactivateBody' : 'admins.toggle.reactivateBody', { email })}
      confirm={{
        label: t(active ? 'admins.toggle.confirmDeactivate' : 'admins.toggle.confirmReactivate'),
        variant: active ? 'danger' : 'primary',
        onClick: confirm,
      }}
    />
  );
}
