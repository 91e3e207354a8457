import { ForbiddenError } from '@/lib/auth/permissions';
import { fail, type ActionResult } from '@/lib/action-result';
import { DatabaseUnavailableError } from '@/lib/database-unavailable';
import { noteDatabaseDown } from '@/lib/request/outage';

/** A row the caller may not touch, or that does not exist: the two must look the same. */
export class NotFoundError extends Error {
  constructor() {
    super('Not found');
    this.name = 'NotFoundError';
  }
}

/** Someone else saved the same record since the caller read it. */
export class ConflictError extends Error {
  constructor() {
    super('Version conflict');
    this.name = 'ConflictError';
  }
}

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
const CONNECTION_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|not queryable|Client was closed/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e instanceof DatabaseUnavailableError) return true;
    const code = (e as { code?: string }).code;
    if (code && CONNECTION_CODES.has(code)) return true;
    if (CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * The error to throw on: a DatabaseUnavailableError (its digest reaches the error page, and the response
 * becomes a 503) when it is one.
 */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  noteDatabaseDown();
  return error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
}

// Next signals redirect() and notFound() by throwing; those must pass through untouched.
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'));
}

/** Runs a server action body so that nothing is ever thrown at the user and nothing internal leaks. */
export async function runAction<T>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return fail('errors.notFound');
    if (error instanceof Error && error.name === 'SignedOutError') return fail('errors.signedOut');
    // The caller must change its password or enrol OTP first (lib/auth/action-context.ts).
    if (error instanceof Error && error.name === 'GateError') return fail('security.gate.actionRefused');
    if (error instanceof ConflictError) return fail('errors.conflict');
    if (isDatabaseUnavailable(error)) return fail('errors.databaseDown');
    console.error('[action] unexpected error:', error);
    return fail('errors.generic');
  }
}
