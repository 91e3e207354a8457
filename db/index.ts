import { openFromEnv, type DatabaseHandle } from './open';
import type { Database } from './types';

// One instance per process, kept on globalThis so that dev reloads and the two module graphs
// (the custom server and Next's bundles) share it instead of opening the database twice.
const store = globalThis as typeof globalThis & { __mailpanelDb?: DatabaseHandle };

export function getDatabaseHandle(): DatabaseHandle {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database must not be opened during `next build`.');
  }
  store.__mailpanelDb ??= openFromEnv();
  return store.__mailpanelDb;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** Tests and CLIs install their own handle (or clear it with undefined). */
export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  store.__mailpanelDb = handle;
}

export async function closeDatabase(): Promise<void> {
  const handle = store.__mailpanelDb;
  store.__mailpanelDb = undefined;
  await handle?.close();
}

export type { Database, Executor, Transaction } from './types';
