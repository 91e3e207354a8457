import type { z } from 'zod';
import '@/lib/validations/zod-messages';
import { validation, type Failure, type FailureCode, type FailureReason } from '@/lib/failure';

/** A refused server action: the failure's code (what the API turns into a status), and messages as i18n keys. */
export type Refusal = {
  ok: false;
  code: FailureCode;
  fieldErrors: Record<string, string>;
  formError?: string;
  retryAfterSeconds?: number;
  reason?: FailureReason;
};

/** What every server action answers: never a thrown error, never internals. */
export type ActionResult<T = undefined> = { ok: true; data: T } | Refusal;

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

/** The refusal for a failure. Field errors stand beside their fields; `_form` (or the key) above the form. */
export function fail(failure: Failure): Refusal {
  const { _form, ...fieldErrors } = failure.fieldErrors;
  const formError = failure.code === 'validation' ? _form : failure.key;
  const out: Refusal = { ok: false, code: failure.code, fieldErrors };
  if (formError !== undefined) out.formError = formError;
  if (failure.retryAfterSeconds !== undefined) out.retryAfterSeconds = failure.retryAfterSeconds;
  if (failure.reason !== undefined) out.reason = failure.reason;
  return out;
}

export function fieldError(field: string, message: string): Refusal {
  return fail(validation({ [field]: message }));
}

/** The first message per field, keyed by the dotted path (`_form` for the input as a whole). */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.map(String).join('.') || '_form'] ??= issue.message;
  return out;
}

export function invalid(error: z.ZodError): Refusal {
  return fail(validation(zodFieldErrors(error)));
}
