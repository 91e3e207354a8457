'use client';

import { useState, type FormEventHandler, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/action-result';
import { useMailboxVersion } from './version-context';

/** A section's server action: the mailbox id and the section's input (with the version it read). */
export type SectionAction = (id: number, input: unknown) => Promise<ActionResult<{ version: number }>>;

export type SectionStatus = { tone: 'success' | 'error'; text: string } | null;

/**
 * Sends a section with the page's current version, moves the version on after a save, and puts the
 * server's refusals beside their fields (message keys) and above the form.
 */
export function useSectionSave<T extends FieldValues>({
  id,
  action,
  setError,
}: {
  id: number;
  action: SectionAction;
  setError: UseFormSetError<T>;
}) {
  const t = useT();
  const { version, setVersion } = useMailboxVersion();
  const [status, setStatus] = useState<SectionStatus>(null);

  const save = async (values: Record<string, unknown>, successText = t('common.saved')): Promise<boolean> => {
    setStatus(null);
    let result: ActionResult<{ version: number }>;
    try {
      result = await action(id, { ...values, version });
    } catch {
      setStatus({ tone: 'error', text: t('errors.generic') });
      return false;
    }
    if (result.ok) {
      setVersion(result.data.version);
      setStatus({ tone: 'success', text: successText });
      return true;
    }
    let first = true;
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      setError(field as Path<T>, { message: key }, { shouldFocus: first });
      first = false;
    }
    setStatus({ tone: 'error', text: t.raw(result.formError ?? 'validation.invalid') });
    return false;
  };

  /** A field's error (a message key from the schema or the server) in the page's language. */
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  return { status, save, message };
}

export function SectionStatusAlert({ status }: { status: SectionStatus }) {
  return status ? <Alert tone={status.tone}>{status.text}</Alert> : null;
}

/** A section's form: its outcome above, its fields (all off while it cannot be changed), its save button. */
export function SectionForm({
  onSubmit,
  status,
  disabled,
  pending,
  saveLabel,
  spacing = 'space-y-5',
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  status: SectionStatus;
  disabled: boolean;
  pending: boolean;
  saveLabel: string;
  spacing?: 'space-y-5' | 'space-y-6';
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <SectionStatusAlert status={status} />
      <fieldset disabled={disabled} className={spacing}>
        {children}
        <Button type="submit" pending={pending}>
          {saveLabel}
        </Button>
      </fieldset>
    </form>
  );
}
