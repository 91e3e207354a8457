import type { AsyncLocalStorage } from 'node:async_hooks';
import { processSlot } from '@/db/process-global';

/** What one request learned while it was handled. */
export type RequestOutage = { databaseDown: boolean };

/**
 * The request being handled, as server.ts runs it (lib/request/outage-status.ts). Process-wide
 * (db/process-global.ts): server.ts and Next's bundles, where lib/errors.ts notes the outage, are two
 * module graphs.
 */
export const requestOutage = processSlot<AsyncLocalStorage<RequestOutage>>('requestOutage');

/** Marks the current request as failed by a database outage: server.ts then answers 503, not 500. */
export function noteDatabaseDown(): void {
  const outage = requestOutage.get()?.getStore();
  if (outage) outage.databaseDown = true;
}
