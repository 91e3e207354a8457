import os from 'node:os';
import { processSlot } from '@/db/process-global';
import { hashPassword } from '@/lib/auth/password';

// bcrypt's async hash runs on libuv's thread pool, off the event loop: several at once keep every core
// busy while the server goes on answering. The pool is shared with file access, DNS lookups and zlib, so
// an import takes at most one hash per core and always leaves one pool thread free; and the limit is one
// for the whole process, so two imports at once take turns rather than doubling it. A larger
// UV_THREADPOOL_SIZE (set before the server starts) lets a machine with more cores use them.

/** libuv's pool size: 4 unless UV_THREADPOOL_SIZE says otherwise (libuv caps it at 1024). */
export function threadPoolSize(env: Record<string, string | undefined> = process.env): number {
  const size = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/** Hashes at a time: one per core, leaving one pool thread for the rest of the process. */
export function hashConcurrency(cores = os.availableParallelism(), poolSize = threadPoolSize()): number {
  return Math.max(1, Math.min(cores, poolSize - 1));
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `limit` tasks at once, the others in the order they came. */
export function createLimiter(limit: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next task, or free it.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

// Process-wide (db/process-global.ts): Next bundles each route separately, and the panel's import and
// the API's must share it.
const limiterSlot = processSlot<Limiter>('hashLimiter');

/** The process's one limiter for password hashing in bulk. */
export function sharedHashLimiter(): Limiter {
  return limiterSlot.getOrCreate(() => createLimiter(hashConcurrency()));
}

export type HashProgress = (done: number, total: number) => void;

/**
 * Every password's bcrypt hash, in order; `onProgress` hears about each one done. Once `signal` aborts (the
 * client went away), the hashes not started yet are not started: the call rejects with its reason.
 */
export async function hashPasswords(
  passwords: string[],
  { limiter = sharedHashLimiter(), onProgress, signal }: { limiter?: Limiter; onProgress?: HashProgress; signal?: AbortSignal } = {},
): Promise<string[]> {
  let done = 0;
  return Promise.all(
    passwords.map((password) =>
      limiter(async () => {
        signal?.throwIfAborted();
        const hash = await hashPassword(password);
        done += 1;
        onProgress?.(done, passwords.length);
        return hash;
      }),
    ),
  );
}
