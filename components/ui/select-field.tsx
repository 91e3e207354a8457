'use client';

import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { fieldClasses } from './classes';
import { useHydrated } from './use-hydrated';

type SelectFieldProps = ComponentPropsWithRef<'select'> & { label: string; error?: string; description?: string; children: ReactNode };

/** A labelled select, styled and wired like TextField. */
export function SelectField({ label, error, description, id, children, className, ...props }: SelectFieldProps) {
  const hydrated = useHydrated();
  const fallback = useId();
  const selectId = id ?? fallback;
  const describedBy = [description && `${selectId}-description`, error && `${selectId}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['space-y-1', className].filter(Boolean).join(' ')}>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {description && (
        <p id={`${selectId}-description`} className="text-sm text-slate-600">
          {description}
        </p>
      )}
      <select id={selectId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={fieldClasses} {...props} disabled={props.disabled || !hydrated}>
        {children}
      </select>
      {error && (
        <p id={`${selectId}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
