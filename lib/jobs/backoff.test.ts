import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs, isFinalAttempt, MAX_ATTEMPTS } from './backoff';

const middle = () => 0.5;

describe('backoffMs', () => {
  it('doubles from the base with each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, middle))).toEqual([15_000, 30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(backoffMs(8, middle)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1_000, middle)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1_000, () => 1)).toBe(BACKOFF_CAP_MS * 1.2);
  });

  it('spreads retries by at most ±20%', () => {
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_BASE_MS * 0.8);
    expect(backoffMs(1, () => 1)).toBe(BACKOFF_BASE_MS * 1.2);
    for (let i = 0; i < 200; i++) {
      const wait = backoffMs(3);
      expect(wait).toBeGreaterThanOrEqual(48_000);
      expect(wait).toBeLessThanOrEqual(72_000);
    }
  });

  it('treats nonsense attempt counts as the first', () => {
    expect(backoffMs(0, middle)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(-3, middle)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(Number.NaN, middle)).toBe(BACKOFF_BASE_MS);
    // A random source outside [0, 1] cannot push the wait outside the band.
    expect(backoffMs(1, () => 7)).toBe(BACKOFF_BASE_MS * 1.2);
  });
});

describe('isFinalAttempt', () => {
  it('gives up after MAX_ATTEMPTS runs', () => {
    expect(isFinalAttempt(MAX_ATTEMPTS - 1)).toBe(false);
    expect(isFinalAttempt(MAX_ATTEMPTS)).toBe(true);
    expect(isFinalAttempt(2, 2)).toBe(true);
  });
});
