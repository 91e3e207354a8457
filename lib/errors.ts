import { fail, type ActionResult, type Refusal } from '@/lib/action-result';
import { Failure, isFailure, unavailable } from '@/lib/failure';
import { componentLogger } from '@/lib/ops/log/logger';
import { noteDatabaseDown } from '@/lib/request/outage';

// The server-action surface of lib/failure.ts, and the one place that tells a database outage from any
// other thrown error.

// Unreachable, refused, reset, shutting down, starting up, crashed, out of connections, or a statement
// that outlived statement_timeout (db/open.ts): the database, not the request, is at fault.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  '08006',
  '08001',
  '08003',
]);
// node-postgres and PGlite signal some of these only by message, with no code to read.
const CONNECTION_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|not queryable|Client was closed/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (isFailure(e, 'unavailable')) return true;
    const code = (e as { code?: string }).code;
    if (code && CONNECTION_CODES.has(code)) return true;
    if (CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** The error to throw on: an `unavailable` failure (its digest reaches the error page; the response is a 503) when it is one. */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  noteDatabaseDown();
  return isFailure(error, 'unavailable') ? error : unavailable(error);
}

// Next signals redirect() and notFound() by throwing; those must pass through untouched.
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'));
}

/** What a person is told of anything thrown: the failure's own message, or nothing internal. */
export function refusalOf(error: unknown): Refusal {
  if (error instanceof Failure) return fail(error);
  if (isDatabaseUnavailable(error)) return fail(unavailable(error));
  componentLogger('action').error({ err: error }, 'unexpected error');
  return fail(new Failure('unavailable', 'errors.generic'));
}

/** Runs a server action body so that nothing is ever thrown at the user and nothing internal leaks. */
export async function runAction<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return refusalOf(error);
  }
}
