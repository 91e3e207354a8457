// The one failure type of the panel. The data-access layer throws a Failure (or answers an ActionResult
// refusal carrying the same code); each surface has one mapper: lib/errors.ts (server actions),
// lib/api/result.ts (problem+json: REST and the CSV routes), lib/page-failure.ts (pages). The code decides
// the status; the key is only what the person reads. Browser-safe: every layer, and the client, may use it.

import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

export const FAILURE_CODES = ['notFound', 'forbidden', 'conflict', 'validation', 'rateLimited', 'unavailable', 'refused'] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

/** Finer kinds of `forbidden` that clients act on differently (the API gives each its own problem type). */
export type FailureReason = 'signedOut' | 'gate';

export type FailureDetails = {
  /** Field (dotted path) → message key, for `validation`. */
  fieldErrors?: Record<string, string>;
  /** For `rateLimited`: when to try again. */
  retryAfterSeconds?: number;
  reason?: FailureReason;
  cause?: unknown;
};

export class Failure extends Error {
  readonly fieldErrors: Record<string, string>;
  readonly retryAfterSeconds?: number;
  readonly reason?: FailureReason;
  /** Next passes only this to the error page (app/error.tsx), never the message. */
  readonly digest?: string;

  constructor(
    readonly code: FailureCode,
    /** The message key (optionally `key|{"var":1}`, see lib/i18n) the person reads. */
    readonly key: string,
    details: FailureDetails = {},
  ) {
    super(`${code}: ${key}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'Failure';
    this.fieldErrors = details.fieldErrors ?? {};
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.reason !== undefined) this.reason = details.reason;
    if (code === 'unavailable') this.digest = DATABASE_UNAVAILABLE_DIGEST;
  }
}

export function isFailure(error: unknown, ...codes: FailureCode[]): error is Failure {
  return error instanceof Failure && (codes.length === 0 || codes.includes(error.code));
}

/** A row that does not exist and a row the caller may not see look the same. */
export function notFound(): Failure {
  return new Failure('notFound', 'errors.notFound');
}

/**
 * The caller's role or limits do not allow it. `key` says why where the caller may know (a postmaster
 * without "delete accounts"); by default it reads as "not found", leaking nothing.
 */
export function forbidden(key = 'errors.notFound'): Failure {
  return new Failure('forbidden', key);
}

/** Someone else saved the same record since the caller read it. */
export function conflict(key = 'errors.conflict'): Failure {
  return new Failure('conflict', key);
}

/** Input refused field by field (`_form` for the whole input). */
export function validation(fieldErrors: Record<string, string>, key = 'validation.invalid'): Failure {
  return new Failure('validation', key, { fieldErrors });
}

export function rateLimited(key: string, retryAfterSeconds: number): Failure {
  return new Failure('rateLimited', key, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}

/** The database (or another service the request needs) cannot be reached: not the request's fault. */
export function unavailable(cause?: unknown): Failure {
  return new Failure('unavailable', 'errors.databaseDown', { cause });
}

/** Well-formed and allowed, but the state of things says no (a used link, an expired draft…). */
export function refused(key: string): Failure {
  return new Failure('refused', key);
}

/** No signed-in caller (or its session ended meanwhile). */
export function signedOut(): Failure {
  return new Failure('forbidden', 'errors.signedOut', { reason: 'signedOut' });
}

/** The caller must change its password or enrol OTP before anything else. */
export function gated(): Failure {
  return new Failure('forbidden', 'security.gate.actionRefused', { reason: 'gate' });
}
