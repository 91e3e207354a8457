'use client';

import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { fieldClasses } from './classes';
import { useHydrated } from './use-hydrated';

type TextareaFieldProps = ComponentPropsWithRef<'textarea'> & { label: ReactNode; description?: ReactNode; error?: string };

/** A labelled textarea, styled and wired like TextField. */
export function TextareaField({ label, description, error, id, className, rows = 4, ...props }: TextareaFieldProps) {
  const hydrated = useHydrated();
  const fallback = useId();
  const inputId = id ?? fallback;
  const describedBy = [description && `${inputId}-description`, error && `${inputId}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['space-y-1.5', className].filter(Boolean).join(' ')}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {description && (
        <p id={`${inputId}-description`} className="text-sm text-slate-600">
          {description}
        </p>
      )}
      <textarea {...props} disabled={props.disabled || !hydrated} id={inputId} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={fieldClasses} />
      {error && (
        <p id={`${inputId}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
