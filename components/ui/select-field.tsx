'use client';

import type { ComponentPropsWithRef, ReactNode } from 'react';
import { fieldClasses } from './classes';
import { FieldFrame, useFieldIds } from './field-frame';

type SelectFieldProps = ComponentPropsWithRef<'select'> & { label: string; error?: string; description?: string; children: ReactNode };

/** A labelled select, styled and wired like TextField (a little tighter, its error in regular weight). */
export function SelectField({ label, error, description, id, children, className, ...props }: SelectFieldProps) {
  const ids = useFieldIds({ id, description, error });
  return (
    <FieldFrame
      ids={ids}
      label={label}
      description={description}
      error={error}
      className={['space-y-1', className].filter(Boolean).join(' ')}
      errorClassName="text-sm text-red-700"
    >
      <select id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className={fieldClasses} {...props}>
        {children}
      </select>
    </FieldFrame>
  );
}
