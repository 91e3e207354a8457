'use client';

import type { ComponentPropsWithRef, ReactNode } from 'react';
import { fieldClasses } from './classes';
import { FieldFrame, useFieldIds } from './field-frame';

type TextareaFieldProps = ComponentPropsWithRef<'textarea'> & { label: ReactNode; description?: ReactNode; error?: string };

/** A labelled textarea, styled and wired like TextField. */
export function TextareaField({ label, description, error, id, className, rows = 4, ...props }: TextareaFieldProps) {
  const ids = useFieldIds({ id, description, error });
  return (
    <FieldFrame ids={ids} label={label} description={description} error={error} className={['space-y-1.5', className].filter(Boolean).join(' ')}>
      <textarea {...props} id={ids.controlId} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className={fieldClasses} />
    </FieldFrame>
  );
}

/**
 * A list typed one entry a line (addresses, IP addresses and classes): no spelling marks or automatic
 * capitals, which would only change the entries; `mono` for entries read character by character.
 */
export function EntryListField({ mono = false, className, ...props }: TextareaFieldProps & { mono?: boolean }) {
  const classes = [mono ? '[&_textarea]:font-mono' : '', className].filter(Boolean).join(' ');
  return <TextareaField spellCheck={false} autoCapitalize="off" className={classes || undefined} {...props} />;
}
