'use client';

import { useId, type ReactNode } from 'react';

/**
 * The ids that tie one control to its hint and error, so a screen reader reads them with it. The control
 * is usable before the page's JavaScript arrives: react-hook-form keeps what was typed meanwhile (a field
 * edited before the form is ready keeps its value when registered).
 */
export function useFieldIds({ id, description, error, describedBy }: { id?: string; description?: ReactNode; error?: string; describedBy?: string }) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return {
    controlId,
    descriptionId,
    errorId,
    describedBy: [descriptionId, errorId, describedBy].filter(Boolean).join(' ') || undefined,
  };
}

type FieldFrameProps = {
  ids: ReturnType<typeof useFieldIds>;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  /** The wrapper's classes, spacing included. */
  className: string;
  errorClassName?: string;
  children: ReactNode;
};

/** The label, hint and error around one form control (TextField, TextareaField, SelectField). */
export function FieldFrame({ ids, label, description, error, className, errorClassName = 'text-sm font-medium text-red-700', children }: FieldFrameProps) {
  return (
    <div className={className}>
      <label htmlFor={ids.controlId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {description && (
        <p id={ids.descriptionId} className="text-sm text-slate-600">
          {description}
        </p>
      )}
      {children}
      {error && (
        <p id={ids.errorId} className={errorClassName}>
          {error}
        </p>
      )}
    </div>
  );
}
