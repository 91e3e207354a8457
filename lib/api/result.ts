import type { ActionResult, Refusal } from '@/lib/action-result';
import { isDatabaseUnavailable } from '@/lib/errors';
import { componentLogger } from '@/lib/ops/log/logger';
import { Failure, type FailureCode, type FailureReason } from '@/lib/failure';
import { ApiProblem, type ProblemCode } from './problem';

// The problem+json surface of lib/failure.ts: the REST API and the panel's CSV routes answer what the
// data-access layer refused or threw, by the failure's code (never by its message).

const PROBLEM_OF: Record<FailureCode, ProblemCode> = {
  notFound: 'notFound',
  forbidden: 'forbidden',
  conflict: 'conflict',
  validation: 'validation',
  rateLimited: 'rateLimited',
  unavailable: 'unavailable',
  refused: 'refused',
};
const PROBLEM_OF_REASON: Record<FailureReason, ProblemCode> = { signedOut: 'unauthorized', gate: 'gate' };

// The panel's generic messages add nothing to a problem type's own detail.
const GENERIC_MESSAGES = new Set(['errors.notFound', 'errors.conflict', 'errors.signedOut', 'errors.databaseDown', 'errors.generic']);

type Refused = Pick<Refusal, 'code' | 'fieldErrors' | 'formError' | 'retryAfterSeconds' | 'reason'>;

function problemOfRefused({ code, fieldErrors, formError, retryAfterSeconds, reason }: Refused): ApiProblem {
  const problem = reason ? PROBLEM_OF_REASON[reason] : PROBLEM_OF[code];
  const detail = formError && !GENERIC_MESSAGES.has(formError) ? { detail: formError } : {};
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  if (code === 'unavailable') headers['Retry-After'] = '30';
  const fields = Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {};
  return new ApiProblem(problem, { ...detail, ...fields, ...(Object.keys(headers).length > 0 ? { headers } : {}) });
}

/** The problem for a refused ActionResult. */
export function problemOf(result: Refusal): ApiProblem {
  return problemOfRefused(result);
}

/** The data of a successful result; a refusal is thrown as its problem. */
export function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  throw problemOf(result);
}

/** Anything thrown inside a handler, as the problem to answer. Unknown errors are logged, never shown. */
export function problemFromError(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof Failure) {
    const { _form, ...fieldErrors } = error.fieldErrors;
    const formError = error.code === 'validation' ? _form : error.key;
    return problemOfRefused({ code: error.code, fieldErrors, formError, retryAfterSeconds: error.retryAfterSeconds, reason: error.reason });
  }
  if (isDatabaseUnavailable(error)) return new ApiProblem('unavailable', { headers: { 'Retry-After': '30' } });
  componentLogger('api').error({ err: error }, 'unexpected error');
  return new ApiProblem('internal');
}
