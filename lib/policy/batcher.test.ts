import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Batcher', () => {
  it('runs the first calls at once and those arriving meanwhile together, each answered with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (keys) => {
        batches.push(keys);
        await tick();
        return keys.map((key) => key * 10);
      },
      { maxInFlight: 1, maxBatch: 100 },
    );
    const results = await Promise.all([1, 2, 3, 4].map((key) => batcher.call(key)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatch keys', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (keys) => (batches.push(keys), await tick(), keys), { maxInFlight: 1, maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((key) => batcher.call(key)));
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('runs a refused batch again key by key when retrySingly allows, so one bad key fails alone', async () => {
    const batcher = new Batcher<number, number>(
      async (keys) => {
        await tick();
        if (keys.includes(3)) throw Object.assign(new Error('refused'), { code: '23503' });
        return keys;
      },
      { maxInFlight: 1, maxBatch: 100, retrySingly: (error) => (error as { code?: string }).code === '23503' },
    );
    const results = await Promise.allSettled([1, 2, 3, 4].map((key) => batcher.call(key)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails the whole batch when retrySingly does not allow it (the failure may have written)', async () => {
    let runs = 0;
    const batcher = new Batcher<number, number>(
      async () => {
        runs++;
        await tick();
        throw new Error('connection lost');
      },
      { maxInFlight: 1, maxBatch: 100, retrySingly: () => false },
    );
    const results = await Promise.allSettled([1, 2, 3].map((key) => batcher.call(key)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(runs).toBe(2);
  });
});
