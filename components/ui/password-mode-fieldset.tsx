import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

const radioCard =
  'flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-checked:border-indigo-600 has-checked:bg-indigo-50 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600';

export type PasswordModeChoice = { value: 'generate' | 'set'; title: string; hint?: string };

/** "Generate a password" or "type one": one radio card each, the choice's error under them. */
export function PasswordModeFieldset({
  legend,
  field,
  choices,
  error,
  children,
}: {
  legend: string;
  field: UseFormRegisterReturn;
  choices: PasswordModeChoice[];
  error?: string;
  /** Shown above the choices. */
  children?: ReactNode;
}) {
  return (
    <fieldset className="space-y-3" aria-describedby={error ? 'password-mode-error' : undefined}>
      <legend className="mb-2 text-sm font-medium text-slate-900">{legend}</legend>
      {children}
      {choices.map(({ value, title, hint }) => (
        <label key={value} className={radioCard}>
          <input type="radio" value={value} className="mt-0.5 size-4 accent-indigo-700" {...field} />
          <span className="space-y-0.5">
            <span className="block text-sm font-medium text-slate-900">{title}</span>
            {hint && <span className="block text-sm text-slate-600">{hint}</span>}
          </span>
        </label>
      ))}
      {error && (
        <p id="password-mode-error" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
