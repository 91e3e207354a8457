'use client';

import { useId, useRef, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextareaField } from '@/components/ui/textarea-field';
import { MAX_ALLOWED_IPS } from '@/lib/mail/services';
import type { AdminAllowedIpsInput } from '@/lib/validations/admin-security';
import { setAdminAllowedIpsAction } from './security-actions';

const loadSchema = () => import('@/lib/validations/admin-security').then((m) => m.adminAllowedIpsSchema);

/** "Allowed IPs" for one admin: the list in a modal `<dialog>`, saved by the superadmin. */
export function AdminAllowedIps({ id, email, allowedIps }: { id: number; email: string; allowedIps: string[] }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const { register, handleSubmit, reset, setError: setFieldError, formState } = useForm<AdminAllowedIpsInput>({
    resolver: useLazyZodResolver(loadSchema),
    defaultValues: { id, allowedIps: allowedIps.join('\n') },
  });
  const fieldError = formState.errors.allowedIps?.message;

  function open() {
    setError(null);
    setAnnouncement('');
    reset({ id, allowedIps: allowedIps.join('\n') });
    dialogRef.current?.showModal();
  }

  function onValid(values: AdminAllowedIpsInput) {
    setError(null);
    startTransition(async () => {
      const result = await setAdminAllowedIpsAction(values);
      if (!result.ok) {
        if (result.fieldErrors.allowedIps) setFieldError('allowedIps', { message: result.fieldErrors.allowedIps }, { shouldFocus: true });
        else setError(t.raw(result.formError ?? 'errors.generic'));
        return;
      }
      setAnnouncement(t('admins.allowedIps.saved', { email }));
      dialogRef.current?.close();
    });
  }

  // handleSubmit runs in the event, not during render (it reads the dialog's ref when done).
  const save = (event?: React.BaseSyntheticEvent) => void handleSubmit(onValid)(event);

  return (
    <>
      <Button variant="secondary" size="sm" onClick={open} aria-haspopup="dialog" aria-label={t('admins.allowedIps.buttonLabel', { email })}>
        {t('admins.allowedIps.button')}
      </Button>
      <span role="status" className="sr-only">
        {announcement}
      </span>
      <ConfirmDialog
        dialogRef={dialogRef}
        labelledBy={titleId}
        describedBy={bodyId}
        pending={pending}
        error={error}
        confirm={{ label: t('admins.allowedIps.save'), variant: 'primary', onClick: () => save() }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {t('admins.allowedIps.title')}
        </h2>
        <p id={bodyId} className="text-sm whitespace-normal text-slate-700 wrap-anywhere">
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
