'use client';

import { useForm, type DefaultValues } from 'react-hook-form';
import type * as z4 from 'zod/v4/core';
import { fieldProps } from '@/components/forms/field-props';
import { useLazyZodResolver, type FormSchema } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import { useStepStash } from './use-step-stash';
import { useStepSubmit } from './use-step-submit';

/**
 * A draft step's form (steps 2 to 4): the form over the step's schema (loaded lazily; `load` is module-level),
 * its typed values kept in the browser until saved (useStepStash), and its send (useStepSubmit).
 */
export function useStepForm<T extends FormSchema>({
  load,
  defaults,
  draftId,
  step,
  fieldOf,
}: {
  load: () => Promise<T>;
  defaults: z4.input<T>;
  draftId: string;
  step: number;
  fieldOf?: (field: string) => string | null;
}) {
  const t = useT();
  const form = useForm<z4.input<T>, unknown, z4.output<T>>({
    resolver: useLazyZodResolver(load),
    defaultValues: defaults as DefaultValues<z4.input<T>>,
  });
  const stash = useStepStash(draftId, step, form);
  const { submit, formError, elsewhere } = useStepSubmit({ setError: form.setError, fieldOf });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  /** Sends the step. `leaving` drops what the browser keeps first (the saved step is in the draft then); a refusal keeps it again. */
  const send = async <R>(call: () => Promise<ActionResult<R>>, leaving: () => void = stash.saving) => {
    leaving();
    await submit(call);
    stash.refused();
  };

  return { ...form, errors: form.formState.errors, field: fieldProps(form.register, form.formState.errors, message), formError, elsewhere, message, send };
}
