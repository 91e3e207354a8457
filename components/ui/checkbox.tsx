'use client';

import { useId, type ComponentPropsWithRef } from 'react';

type CheckboxProps = Omit<ComponentPropsWithRef<'input'>, 'type'> & { label: string; hint?: string; error?: string };

export function Checkbox({ label, hint, error, id, className, ...props }: CheckboxProps) {
  const fallback = useId();
  const inputId = id ?? fallback;
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="mt-0.5 size-4 rounded border-slate-500 accent-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
          {...props}
          />
        <label htmlFor={inputId} className={['text-sm', props.disabled ? 'text-slate-500' : 'text-slate-900'].join(' ')}>
          {label}
          {hint && <span className="ml-1 text-xs text-slate-600">({hint})</span>}
        </label>
      </div>
      {error && (
        <p id={`${inputId}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
