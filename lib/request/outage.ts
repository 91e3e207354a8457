// Shared by server.ts and Next's bundles through globalThis (they are two module graphs in one process),
// like the database handle in db/index.ts. No imports: lib/errors.ts uses it.

/** What one request learned while it was handled. */
export type RequestOutage = { databaseDown: boolean };

type Storage = { getStore(): RequestOutage | undefined };

export const OUTAGE_STORAGE_KEY = '__mailpanelRequestOutage';

/** Marks the current request as failed by a database outage: server.ts then answers 503, not 500. */
export function noteDatabaseDown(): void {
  const store = (globalThis as Record<string, unknown>)[OUTAGE_STORAGE_KEY] as Storage | undefined;
  const outage = store?.getStore();
  if (outage) outage.databaseDown = true;
}
