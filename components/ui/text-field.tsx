'use client';

import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { fieldClasses } from './classes';
import { useHydrated } from './use-hydrated';

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
  const hydrated = useHydrated();
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedByIds = [descriptionId, errorId, describedBy].filter(Boolean).join(' ') || undefined;

  return (
    <div className={['space-y-1.5', className].filter(Boolean).join(' ')}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {description && (
        <p id={descriptionId} className="text-sm text-slate-600">
          {description}
        </p>
      )}
      <input
        {...props}
        disabled={props.disabled || !hydrated}
        id={inputId}
        type={type}
        aria-invalid={error ? true : props['aria-invalid']}
        aria-describedby={describedByIds}
        className={[fieldClasses, inputClassName].filter(Boolean).join(' ')}
      />
      {error && (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
