import { openFromEnv, type DatabaseHandle } from './open';
import { processSlot } from './process-global';
import type { Database } from './types';

// One handle per process (db/process-global.ts): the custom server and Next's bundles share it
// instead of opening the database twice.
const handleSlot = processSlot<DatabaseHandle>('database');

export function getDatabaseHandle(): DatabaseHandle {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database must not be opened during `next build`.');
  }
  return handleSlot.getOrCreate(openFromEnv);
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** Tests and CLIs install their own handle (or clear it with undefined). */
export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  handleSlot.set(handle);
}

export async function closeDatabase(): Promise<void> {
  const handle = handleSlot.get();
  handleSlot.set(undefined);
  await handle?.close();
}

export type { Database, Executor, ListPageArgs, Transaction } from './types';
