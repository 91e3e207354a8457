import { describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_DIGEST } from './database-unavailable';
import { Failure, isFailure, unavailable } from './failure';
import { asDatabaseUnavailable, isDatabaseUnavailable, runAction } from './errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
// What drizzle throws: its own error, the driver's as the cause.
const wrapped = (cause: Error) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('isDatabaseUnavailable', () => {
  it('recognises an unreachable, restarting or cut-off database, also behind drizzle', () => {
    for (const error of [
      withCode('ECONNREFUSED'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      wrapped(withCode('ECONNREFUSED')),
      wrapped(new Error('Connection terminated unexpectedly')),
      unavailable(null),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it('does not mistake other database errors or plain errors for an outage', () => {
    for (const error of [withCode('23505', 'duplicate key'), withCode('23514', 'check violation'), wrapped(withCode('40001')), new Error('boom'), 'ECONNREFUSED', null]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});

describe('asDatabaseUnavailable', () => {
  it('turns an outage into an error whose digest the error page knows, keeping the cause', () => {
    const cause = withCode('ECONNREFUSED');
    const error = asDatabaseUnavailable(cause);
    expect(isFailure(error, 'unavailable')).toBe(true);
    expect((error as Failure).digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    expect((error as Error).cause).toBe(cause);
  });

  it('leaves any other error as it is', () => {
    const other = withCode('23505');
    expect(asDatabaseUnavailable(other)).toBe(other);
  });
});

describe('runAction', () => {
  it('answers an outage with errors.databaseDown, and nothing internal', async () => {
    await expect(runAction(() => Promise.reject(wrapped(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'))))).resolves.toEqual({
      ok: false,
      code: 'unavailable',
      fieldErrors: {},
      formError: 'errors.databaseDown',
    });
  });
});
