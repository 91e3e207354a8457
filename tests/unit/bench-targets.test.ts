import { describe, expect, it } from 'vitest';
import { verdict, type MeasuredSize } from '@/bench/targets';

const size = (accounts: number, p95: number, peakServerMb: number, over: Partial<MeasuredSize> = {}): MeasuredSize => ({
  accounts,
  seedSeconds: accounts / 10_000,
  scenarios: [
    { label: 'first page', target: true, p95, errors: 0 },
    { label: 'search 2 letters', target: false, p95: 450, errors: 0 },
  ],
  memory: { peakServerMb },
  ...over,
});

describe('the benchmark verdict', () => {
  it('is met when every target view is within 100 ms at 100,000, memory stays flat and the seed is quick', () => {
    const result = verdict([size(10_000, 60, 900), size(100_000, 99.9, 1000)]);
    expect(result.ok).toBe(true);
    // A view that is not a target (the two-letter search) does not count.
    expect(result.lines.join('\n')).not.toMatch(/MISSED/);
  });

  it('is missed by one target view over 100 ms at 100,000 accounts', () => {
    const result = verdict([size(10_000, 60, 900), size(100_000, 100.1, 1000)]);
    expect(result.ok).toBe(false);
    expect(result.lines).toContain('MISSED  first page: p95 100.1 ms (at most 100)');
  });

  it('is missed by memory that grows with the accounts, a slow seed, or errors', () => {
    expect(verdict([size(10_000, 60, 700), size(100_000, 60, 1000)]).ok).toBe(false);
    expect(verdict([size(10_000, 60, 900), size(100_000, 60, 900, { seedSeconds: 45 })]).ok).toBe(false);
    const withErrors = size(100_000, 60, 900);
    withErrors.scenarios[1]!.errors = 3;
    expect(verdict([size(10_000, 60, 900), withErrors]).ok).toBe(false);
  });

  it('gives 1,000,000 accounts 3 minutes to seed', () => {
    expect(verdict([size(100_000, 60, 900), size(1_000_000, 60, 900, { seedSeconds: 170 })]).ok).toBe(true);
    const slow = verdict([size(100_000, 60, 900), size(1_000_000, 60, 900, { seedSeconds: 190 })]);
    expect(slow.ok).toBe(false);
    expect(slow.lines).toContain('MISSED  seed of 1,000,000 accounts: 190.0 s (at most 180)');
  });

  it('says so when no size reached 100,000 instead of claiming the target', () => {
    const result = verdict([size(10_000, 60, 900)]);
    expect(result.lines[0]).toMatch(/not checked/);
  });
});
