import type { ActionResult } from '@/lib/action-result';
import { ForbiddenError } from '@/lib/auth/permissions';
import { ConflictError, isDatabaseUnavailable, NotFoundError } from '@/lib/errors';
import { ApiProblem } from './problem';

// The data-access layer answers the panel's server actions and the API alike: ActionResult for what it
// refuses, NotFoundError / ForbiddenError / ConflictError for what it will not look at. Here both
// become problems, so the API refuses exactly what the panel refuses.

/** Refusals (form errors without a field) that mean "the caller's role or permissions do not allow it". */
const NOT_ALLOWED = new Set([
  'accounts.errors.toggleNotAllowed',
  'accounts.errors.deleteNotAllowed',
  'wizard.errors.notAllowed',
  'security.password.disabled',
  'api.tokens.errors.apiAccessOff',
]);

function baseKey(key: string): string {
  const bar = key.indexOf('|');
  return bar > 0 ? key.slice(0, bar) : key;
}

function throttleSeconds(key: string): number {
  const minutes = Number(/"minutes":(\d+)/.exec(key)?.[1] ?? 15);
  return Math.max(1, minutes) * 60;
}

/** The problem for a refused ActionResult: 404, 409, 403, or 422 with the per-field messages. */
export function problemOf(result: Extract<ActionResult<unknown>, { ok: false }>): ApiProblem {
  const { formError, fieldErrors } = result;
  const form = formError ? baseKey(formError) : undefined;
  if (form === 'errors.notFound') return new ApiProblem('notFound');
  if (form === 'errors.conflict' || form === 'errors.signedOut') return new ApiProblem('conflict');
  if (form && NOT_ALLOWED.has(form)) return new ApiProblem('forbidden', { detail: formError });
  // The sign-in throttle (a wrong current password counts): the same lock, as a 429.
  if (form === 'auth.throttled' && formError) return new ApiProblem('rateLimited', { detail: formError, headers: { 'Retry-After': String(throttleSeconds(formError)) } });
  if (Object.keys(fieldErrors).length > 0) return new ApiProblem('validation', { fieldErrors, ...(formError ? { detail: formError } : {}) });
  return new ApiProblem('refused', formError ? { detail: formError } : {});
}

/** The data of a successful result; a refusal is thrown as its problem. */
export function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  throw problemOf(result);
}

/** Anything thrown inside a handler, as the problem to answer. Unknown errors are logged, never shown. */
export function problemFromError(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof NotFoundError) return new ApiProblem('notFound');
  if (error instanceof ForbiddenError) return new ApiProblem('forbidden');
  if (error instanceof ConflictError) return new ApiProblem('conflict');
  if (error instanceof Error && error.name === 'GateError') return new ApiProblem('gate');
  if (isDatabaseUnavailable(error)) return new ApiProblem('unavailable', { headers: { 'Retry-After': '30' } });
  console.error('[api] unexpected error:', error);
  return new ApiProblem('internal');
}
