'use client';

import { unstable_rethrow } from 'next/navigation';
import { useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

/**
 * Sends a step to its server action and puts the server's refusals beside their fields (message keys)
 * and, only when no field of this step says it, above the form. A redirect (the step was saved) is Next's to follow, never an error here.
 * `fieldOf` maps a refused field to one of this form's, or null to list it above the form instead.
 */
export function useStepSubmit<T extends FieldValues>({
  setError,
  fieldOf = (field) => field,
}: {
  setError: UseFormSetError<T>;
  fieldOf?: (field: string) => string | null;
}) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const [elsewhere, setElsewhere] = useState<[string, string][]>([]);

  async function submit<R>(call: () => Promise<ActionResult<R>>): Promise<R | null> {
    setFormError(null);
    setElsewhere([]);
    let result: ActionResult<R>;
    try {
      result = await call();
    } catch (error) {
      unstable_rethrow(error);
      setFormError(t('errors.generic'));
      return null;
    }
    if (result.ok) return result.data;
    let first = true;
    const others: [string, string][] = [];
    for (const [field, key] of Object.entries(result.fieldErrors)) {
      const name = fieldOf(field);
      if (name === null) {
        others.push([field, key]);
        continue;
      }
      setError(name as Path<T>, { type: 'server', message: key }, { shouldFocus: first });
      first = false;
    }
    setElsewhere(others);
    // A field that says what is wrong needs no generic "not valid" above the form as well.
    const fieldsSayIt = !first && others.length === 0;
    setFormError(result.formError ? t.raw(result.formError) : fieldsSayIt ? null : t.raw('validation.invalid'));
    return null;
  }

  return { submit, formError, elsewhere };
}
