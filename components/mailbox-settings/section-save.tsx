'use client';

import { useState, type FormEventHandler, type ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import type * as z4 from 'zod/v4/core';
import { fieldProps } from '@/components/forms/field-props';
import { useLazyZodResolver, type FormSchema } from '@/components/forms/lazy-zod-resolver';
import { withServerDefaults } from '@/components/forms/with-server-defaults';
import { useQueuedSubmit } from '@/components/forms/use-queued-submit';
import { useT } from '@/components/i18n-provider';
import { SaveBar, type SaveStatus } from '@/components/ui/save-bar';
import type { ActionResult } from '@/lib/action-result';
import { useMailboxVersion } from './version-context';

/** A section's server action: the mailbox id and the section's input (with the version it read). */
export type SectionAction = (id: number, input: unknown) => Promise<ActionResult<{ version: number }>>;

export type SectionStatus = SaveStatus;

/** What every section form is given: the mailbox, its saved values, its action, whether it may be changed. */
export type SectionProps<I> = { id: number; initial: I; action: SectionAction; disabled?: boolean };

/**
 * Sends a section with the page's current version, moves the version on after a save, and puts the
 * server's refusals beside their fields (message keys) and the outcome beside the save button.
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
    setStatus(refusalStatus(result, t.raw));
    return false;
  };

  /** A field's error (a message key from the schema or the server) in the page's language. */
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  return { status, save, message };
}

/**
 * A section form's state: the form over its schema (loaded lazily; the one the action parses), fields that
 * also carry the saved values in the server's HTML (withServerDefaults), and the save (useSectionSave).
 * `load` is module-level, so it is the same function every render.
 */
export function useSectionForm<T extends FormSchema>(load: () => Promise<T>, { id, initial, action }: Omit<SectionProps<z4.input<T>>, 'disabled'>) {
  const form = useForm<z4.input<T>, unknown, z4.output<T>>({
    resolver: useLazyZodResolver(load),
    defaultValues: initial as DefaultValues<z4.input<T>>,
  });
  const register = withServerDefaults(form.register, initial);
  const { status, save, message } = useSectionSave({ id, action, setError: form.setError });
  return { ...form, register, errors: form.formState.errors, field: fieldProps(register, form.formState.errors, message), status, save, message };
}

/**
 * What a refusal says beside the save button: its own message, or, when the fields say what is wrong, no
 * generic "not valid" on top of theirs — only a pointer to them.
 */
export function refusalStatus(result: { fieldErrors: Record<string, string>; formError?: string }, translate: (key: string) => string): SectionStatus {
  if (result.formError) return { tone: 'error', text: translate(result.formError) };
  return { tone: 'error', text: translate(Object.keys(result.fieldErrors).length > 0 ? 'common.seeFields' : 'validation.invalid') };
}

/** A section's form: its fields (all off while it cannot be changed), its save button with the outcome beside it. */
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
  const queued = useQueuedSubmit();
  // Edited since the last save (UnsavedChangesGuard warns before leaving): the outcome shown when the last
  // edit was made; a success shown since then means saved.
  const [editedAt, setEditedAt] = useState<SectionStatus | undefined>(undefined);
  const unsaved = editedAt !== undefined && !(status?.tone === 'success' && status !== editedAt);
  // method="post": without any JavaScript, a submit must not put the fields in the address.
  return (
    <form
      {...queued}
      method="post"
      onSubmit={onSubmit}
      onInput={() => setEditedAt(status)}
      data-unsaved={unsaved ? '' : undefined}
      noValidate
      className="space-y-5"
    >
      <fieldset disabled={disabled} className={spacing}>
        {children}
        <SaveBar status={status} pending={pending}>
          {saveLabel}
        </SaveBar>
      </fieldset>
    </form>
  );
}
