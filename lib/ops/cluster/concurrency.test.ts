import { describe, expect, it } from 'vitest';
import { webConcurrency } from './concurrency';
import { restartDelayMs } from './primary';

const PG = { DATABASE_URL: 'postgres://db/panel' };

describe('webConcurrency', () => {
  it('defaults to one worker per CPU in production, one in development', () => {
    expect(webConcurrency({ env: PG, dev: false, cpus: 4 })).toEqual({ workers: 4, reduced: null, explicit: false });
    expect(webConcurrency({ env: PG, dev: true, cpus: 4 })).toEqual({ workers: 1, reduced: null, explicit: false });
  });

  it('takes WEB_CONCURRENCY; 1 is the single process of before', () => {
    expect(webConcurrency({ env: { ...PG, WEB_CONCURRENCY: '3' }, dev: false, cpus: 2 }).workers).toBe(3);
    expect(webConcurrency({ env: { ...PG, WEB_CONCURRENCY: '1' }, dev: false, cpus: 8 }).workers).toBe(1);
  });

  it('runs one process on the embedded database, and says why', () => {
    const asked = webConcurrency({ env: { WEB_CONCURRENCY: '2' }, dev: false, cpus: 2 });
    expect(asked).toMatchObject({ workers: 1, explicit: true });
    expect(asked.reduced).toMatch(/WEB_CONCURRENCY=2 but no DATABASE_URL: the embedded database can only be opened by one process/);
    expect(webConcurrency({ env: {}, dev: false, cpus: 2 })).toMatchObject({ workers: 1, explicit: false, reduced: expect.stringMatching(/^2 CPUs but no DATABASE_URL/) });
    expect(webConcurrency({ env: {}, dev: false, cpus: 1 })).toEqual({ workers: 1, reduced: null, explicit: false });
  });

  it('runs one process in development whatever is asked', () => {
    expect(webConcurrency({ env: { ...PG, WEB_CONCURRENCY: '2' }, dev: true, cpus: 2 })).toMatchObject({ workers: 1, reduced: expect.stringMatching(/development/) });
  });

  it('refuses a value that is not a count', () => {
    for (const value of ['0', '-1', '1.5', 'two', '65']) {
      expect(() => webConcurrency({ env: { ...PG, WEB_CONCURRENCY: value }, dev: false, cpus: 2 })).toThrow(/WEB_CONCURRENCY must be a whole number from 1 to 64/);
    }
  });
});

describe('restartDelayMs', () => {
  it('doubles from half a second up to 30 s', () => {
    expect([1, 2, 3, 4, 7, 20].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000]);
  });
});
