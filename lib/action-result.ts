import type { z } from 'zod';

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

/** The first message per field, keyed by the dotted path. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}

export function invalid(error: z.ZodError): ActionResult<never> {
  const fieldErrors = zodFieldErrors(error);
  const { _form: formError, ...rest } = fieldErrors;
  return { ok: false, fieldErrors: rest, formError };
}
