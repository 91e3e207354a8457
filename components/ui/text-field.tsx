import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

/** Shared look for inputs, selects and textareas, so other controls can match `TextField`. */
export const fieldClasses =
  'block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ' +
  'placeholder:text-slate-500 focus-visible:border-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-0 ' +
  'focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600 ' +
  'aria-invalid:border-red-700 aria-invalid:focus-visible:outline-red-700';

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
