'use client';

import { useState, type ReactNode, type Ref } from 'react';
import type { Refusal } from '@/lib/action-result';
import { Alert } from './alert';
import { Button } from './button';
import { TextField } from './text-field';

/** What a confirmed action answers: messages to show (already translated), or nothing once it is done. */
export type ConfirmByTypingOutcome = { fieldError?: string; formError?: string } | undefined;

/** A refused action's messages for the form: the error of the typed field (named as the action names it) and the form's. */
export function refusalOutcome(refusal: Refusal, field: string, translate: (key: string) => string): ConfirmByTypingOutcome {
  const fieldError = refusal.fieldErrors[field];
  return { fieldError: fieldError && translate(fieldError), formError: refusal.formError && translate(refusal.formError) };
}

type Props = {
  /** The field's label, naming what to type (e.g. "Type shop.example to confirm"). */
  label: string;
  /** The danger button's text. */
  submitLabel: string;
  /** Runs the irreversible action with what was typed; the server decides whether it matches. */
  onConfirm: (typed: string) => Promise<ConfirmByTypingOutcome>;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  /** Beside the danger button (a dialog's Cancel). */
  extra?: ReactNode;
};

/**
 * An irreversible action that runs only after the user types the name of what it destroys: the
 * button stays disabled while the field is empty, and the server's refusal shows beside the field.
 */
export function ConfirmByTypingForm({ label, submitLabel, onConfirm, inputRef, className = 'mt-4 space-y-3', extra }: Props) {
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setPending(true);
    setFieldError(undefined);
    setFormError(null);
    const outcome = await onConfirm(typed);
    setPending(false);
    setFieldError(outcome?.fieldError);
    if (outcome?.formError) setFormError(outcome.formError);
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className={className}>
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField ref={inputRef} label={label} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} error={fieldError} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="danger" pending={pending} disabled={typed.trim().length === 0}>
          {submitLabel}
        </Button>
        {extra}
      </div>
    </form>
  );
}
