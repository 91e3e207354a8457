'use client';

import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { ConfirmDialogTrigger } from '@/components/ui/confirm-dialog';
import { useConfirmDialog } from '@/components/ui/use-confirm-dialog';
import { EntryListField } from '@/components/ui/textarea-field';
import { MAX_ALLOWED_IPS } from '@/lib/mail/services';
import type { AdminAllowedIpsInput } from '@/lib/validations/admin-security';
import { setAdminAllowedIpsAction } from './security-actions';

const loadSchema = () => import('@/lib/validations/admin-security').then((m) => m.adminAllowedIpsSchema);

/** "Allowed IPs" for one admin: the list in a modal `<dialog>`, saved by the superadmin. */
export function AdminAllowedIps({ id, email, allowedIps }: { id: number; email: string; allowedIps: string[] }) {
  const t = useT();
  const dialog = useConfirmDialog();
  const { register, handleSubmit, reset, setError: setFieldError, formState } = useForm<AdminAllowedIpsInput>({
    resolver: useLazyZodResolver(loadSchema),
    defaultValues: { id, allowedIps: allowedIps.join('\n') },
  });
  const fieldError = formState.errors.allowedIps?.message;

  function open() {
    reset({ id, allowedIps: allowedIps.join('\n') });
    dialog.open();
  }

  const onValid = (values: AdminAllowedIpsInput) =>
    dialog.run(
      () => setAdminAllowedIpsAction(values),
      () => t('admins.allowedIps.saved', { email }),
      (refusal) => {
        if (!refusal.fieldErrors.allowedIps) return false;
        setFieldError('allowedIps', { message: refusal.fieldErrors.allowedIps }, { shouldFocus: true });
        return true;
      },
    );

  // handleSubmit runs in the event, not during render (it reads the dialog's ref when done).
  const save = (event?: React.BaseSyntheticEvent) => void handleSubmit(onValid)(event);

  return (
    <ConfirmDialogTrigger
      dialog={dialog}
      trigger={{ label: t('admins.allowedIps.button'), ariaLabel: t('admins.allowedIps.buttonLabel', { email }), variant: 'secondary', onOpen: open }}
      title={t('admins.allowedIps.title')}
      body={t('admins.allowedIps.body', { email })}
      confirm={{ label: t('admins.allowedIps.save'), variant: 'primary', onClick: () => save() }}
    >
      <form onSubmit={save} noValidate>
        <EntryListField
          label={t('admins.allowedIps.field')}
          description={t('admins.allowedIps.hint', { max: MAX_ALLOWED_IPS })}
          rows={5}
          mono
          error={fieldError ? t.raw(fieldError) : undefined}
          {...register('allowedIps')}
        />
      </form>
    </ConfirmDialogTrigger>
  );
}
