import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { OUTAGE_STORAGE_KEY, type RequestOutage } from './outage';

/** Seconds a client is asked to wait before trying again during a database outage. */
export const OUTAGE_RETRY_AFTER = 5;

function storage(): AsyncLocalStorage<RequestOutage> {
  const global = globalThis as Record<string, unknown>;
  global[OUTAGE_STORAGE_KEY] ??= new AsyncLocalStorage<RequestOutage>();
  return global[OUTAGE_STORAGE_KEY] as AsyncLocalStorage<RequestOutage>;
}

/**
 * Runs `handle` for one request. A page that failed because the database is unreachable would answer
 * 500 (Next's status for a failed render): it answers 503 with Retry-After instead, so monitoring and
 * proxies see "temporarily unavailable", not a bug. The page itself is still the panel's error page.
 */
export function answeringOutagesWith503<T>(res: ServerResponse, handle: () => Promise<T>): Promise<T> {
  const outage: RequestOutage = { databaseDown: false };
  const writeHead = res.writeHead;
  // Node's implicit header write (res.statusCode + write/end) goes through writeHead too.
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (statusCode === 500 && outage.databaseDown) {
      statusCode = 503;
      this.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER));
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
  } as typeof res.writeHead;
  return storage().run(outage, handle);
}
