import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fail, invalid } from './action-result';
import { problemFromError, problemOf } from './api/result';
import { DATABASE_UNAVAILABLE_DIGEST } from './database-unavailable';
import { refusalOf, runAction } from './errors';
import { conflict, FAILURE_CODES, forbidden, gated, isFailure, notFound, rateLimited, refused, signedOut, unavailable, validation, type Failure } from './failure';

const examples: Record<(typeof FAILURE_CODES)[number], Failure> = {
  notFound: notFound(),
  forbidden: forbidden('accounts.errors.deleteNotAllowed'),
  conflict: conflict(),
  validation: validation({ name: 'validation.required' }),
  rateLimited: rateLimited('auth.throttled|{"minutes":15}', 900),
  unavailable: unavailable(new Error('ECONNREFUSED')),
  refused: refused('setup.linkUsed'),
};

describe('the failure model', () => {
  it('has one example per code, each recognised by its code alone', () => {
    for (const code of FAILURE_CODES) {
      expect(isFailure(examples[code], code)).toBe(true);
      expect(isFailure(examples[code], ...FAILURE_CODES.filter((c) => c !== code))).toBe(false);
    }
    expect(isFailure(new Error('errors.notFound'))).toBe(false);
  });

  it('maps each code to one HTTP problem, whatever the message says', () => {
    const statuses = Object.fromEntries(FAILURE_CODES.map((code) => [code, problemFromError(examples[code]).status]));
    expect(statuses).toEqual({ notFound: 404, forbidden: 403, conflict: 409, validation: 422, rateLimited: 429, unavailable: 503, refused: 422 });
    // A message key that reads like a permission refusal does not make a 403: the code decides.
    expect(problemOf(fail(refused('accounts.errors.deleteNotAllowed'))).status).toBe(422);
    expect(problemOf(fail(forbidden('setup.linkUsed'))).status).toBe(403);
  });

  it('carries the retry time of a throttle to Retry-After, and the field messages to the problem', () => {
    expect(problemOf(fail(examples.rateLimited)).options.headers).toEqual({ 'Retry-After': '900' });
    expect(problemOf(fail(examples.validation)).options.fieldErrors).toEqual({ name: 'validation.required' });
    expect(problemFromError(unavailable()).options.headers).toEqual({ 'Retry-After': '30' });
  });

  it('gives the finer kinds of forbidden their own problems: signed out 401, held by a gate 403 "gate"', () => {
    expect(problemFromError(signedOut())).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(problemFromError(gated())).toMatchObject({ code: 'gate', status: 403 });
  });

  it('answers a server action with the failure it threw, and nothing internal for anything else', async () => {
    await expect(runAction(() => Promise.reject(conflict()))).resolves.toEqual({ ok: false, code: 'conflict', fieldErrors: {}, formError: 'errors.conflict' });
    await expect(runAction(() => Promise.reject(examples.rateLimited))).resolves.toEqual({
      ok: false,
      code: 'rateLimited',
      fieldErrors: {},
      formError: 'auth.throttled|{"minutes":15}',
      retryAfterSeconds: 900,
    });
    expect(refusalOf(new TypeError('secret internals'))).toEqual({ ok: false, code: 'unavailable', fieldErrors: {}, formError: 'errors.generic' });
  });

  it('puts a validation failure beside its fields and its _form message above the form', () => {
    expect(fail(validation({ email: 'validation.email', _form: 'wizard.errors.createRefused' }))).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { email: 'validation.email' },
      formError: 'wizard.errors.createRefused',
    });
  });

  it('reaches the error page as an outage only through its digest', () => {
    expect(unavailable().digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    expect(notFound().digest).toBeUndefined();
  });
});

describe('zod messages', () => {
  it('are our keys, or validation.invalid for input no form sends (zod says nothing of its own)', () => {
    const schema = z.object({ name: z.string({ error: 'validation.required' }), count: z.number() });
    const parsed = schema.safeParse({ name: 1, count: 'x' });
    expect(parsed.success).toBe(false);
    expect(invalid(parsed.error!)).toEqual({ ok: false, code: 'validation', fieldErrors: { name: 'validation.required', count: 'validation.invalid' } });
  });
});
