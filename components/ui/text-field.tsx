'use client';

import type { ComponentPropsWithRef, ReactNode } from 'react';
import { fieldClasses } from './classes';
import { FieldFrame, useFieldIds } from './field-frame';

export type TextFieldProps = ComponentPropsWithRef<'input'> & {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  /** Classes for the wrapper; `inputClassName` goes on the input. */
  className?: string;
  inputClassName?: string;
};

export function TextField({
  label,
  description,
  error,
  id,
  className,
  inputClassName,
  type = 'text',
  'aria-describedby': describedBy,
  ...props
}: TextFieldProps) {
  const ids = useFieldIds({ id, description, error, describedBy });

  return (
    <FieldFrame ids={ids} label={label} description={description} error={error} className={['space-y-1.5', className].filter(Boolean).join(' ')}>
      <input
        {...props}
        id={ids.controlId}
        type={type}
        aria-invalid={error ? true : props['aria-invalid']}
        aria-describedby={ids.describedBy}
        className={[fieldClasses, inputClassName].filter(Boolean).join(' ')}
      />
    </FieldFrame>
  );
}
