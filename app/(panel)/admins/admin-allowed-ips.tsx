'use client';

import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useConfirmDialog } from '@/components/ui/use-confirm-dialog';
import { TextareaField } from '@/components/ui/textarea-field';
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
    <>
      <Button variant="secondary" size="sm" onClick={open} aria-haspopup="dialog" aria-label={t('admins.allowedIps.buttonLabel', { email })}>
        {t('admins.allowedIps.button')}
      </Button>
      <span role="status" className="sr-only">
        {dialog.announcement}
      </span>
      <ConfirmDialog
        {...dialog.props}
        confirm={{ label: t('admins.allowedIps.save'), variant: 'primary', onClick: () => save() }}
      >
        <h2 id={dialog.titleId} className="text-lg font-semibold">
          {t('admins.allowedIps.title')}
        </h2>
        <p id={dialog.bodyId} className="text-sm whitespace-normal text-slate-700 wrap-anywhere">
          {t('admins.allowedIps.body', { email })}
        </p>
        <form onSubmit={save} noValidate>
          <TextareaField
            label={t('admins.allowedIps.field')}
            description={t('admins.allowedIps.hint', { max: MAX_ALLOWED_IPS })}
            rows={5}
            spellCheck={false}
            autoCapitalize="off"
            className="[&_textarea]:font-mono"
            error={fieldError ? t.raw(fieldError) : undefined}
            {...register('allowedIps')}
          />
        </form>
      </ConfirmDialog>
    </>
  );
}
