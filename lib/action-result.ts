import type { z } from 'zod';
import { translate } from '@/lib/i18n/translate';

/** What every server action answers: never a thrown error, never internals. Messages are i18n keys. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string>; formError?: string };

export function ok<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function fail(formError: string, fieldErrors: Record<string, string> = {}): ActionResult<never> {
  return { ok: false, fieldErrors, formError };
}

export function fieldError(field: string, message: string): ActionResult<never> {
  return { ok: false, fieldErrors: { [field]: message } };
}

/**
 * The first message per field, keyed by the dotted path. A message that is not one of ours (zod's own
 * English, for input no form sends: an array for an object, a Set for a string…) reads as "invalid".
 */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    out[key] ??= translate('en', issue.message) !== issue.message ? issue.message : 'validation.invalid';
  }
  return out;
}

export function invalid(error: z.ZodError): ActionResult<never> {
  const fieldErrors = zodFieldErrors(error);
  const { _form: formError, ...rest } = fieldErrors;
  return { ok: false, fieldErrors: rest, formError };
}
