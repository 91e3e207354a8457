import bcrypt from 'bcrypt';
import { describe, expect, it } from 'vitest';
import { createLimiter, hashConcurrency, hashPasswords, threadPoolSize } from './hash-passwords';

describe('hashing in bulk', () => {
  it('uses one hash per core and always leaves a pool thread free', () => {
    expect(threadPoolSize({})).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '16' })).toBe(16);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'lots' })).toBe(4);
    expect(hashConcurrency(2, 4)).toBe(2);
    expect(hashConcurrency(8, 4)).toBe(3);
    expect(hashConcurrency(8, 16)).toBe(8);
    expect(hashConcurrency(1, 1)).toBe(1);
  });

  it('a limiter never runs more than its limit at once, and runs everything', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        limit(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, i % 5));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('hashes every password in order, reports progress, and stops starting new ones once aborted', async () => {
    const seen: number[] = [];
    const hashes = await hashPasswords(['one password 1', 'two password 2', 'three password 3'], { onProgress: (done) => seen.push(done) });
    expect(await Promise.all(hashes.map((hash, i) => bcrypt.compare(['one password 1', 'two password 2', 'three password 3'][i]!, hash)))).toEqual([true, true, true]);
    expect(seen).toEqual([1, 2, 3]);

    const controller = new AbortController();
    let done = 0;
    const run = hashPasswords(Array.from({ length: 50 }, (_, i) => `password number ${i}`), {
      limiter: createLimiter(1),
      signal: controller.signal,
      onProgress: (count) => {
        done = count;
        if (count === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(done).toBeLessThan(5);
  });
});
