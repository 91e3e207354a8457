import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { ensureDataDir } from './data-dir';
import { acquireEmbeddedLock } from './embedded-lock';
import * as schema from './schema';
import type { Database } from './types';

export type DatabaseHandle = {
  kind: 'postgres' | 'embedded';
  db: Database;
  /** Runs `fn` on one dedicated connection (advisory locks are per connection). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
    // Fail fast when the database is unreachable instead of hanging a request.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (e.g. Postgres restarting) must not crash the process.
  pool.on('error', (error) => console.error('[db] idle connection error:', error.message));
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Database,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg(client, { schema }) as unknown as Database);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** `dir` undefined: a throw-away in-memory database (tests). */
export function openEmbedded(dir?: string): DatabaseHandle {
  const release = dir ? acquireEmbeddedLock(dir) : () => {};
  // pg_trgm backs the account list's substring search (migration 0003).
  const client = new PGlite({ dataDir: dir ? path.join(dir, 'pglite') : undefined, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    kind: 'embedded',
    db,
    withConnection: (fn) => fn(db),
    async close() {
      await client.close();
      release();
    },
  };
}

/** The database the environment names: DATABASE_URL, or else the embedded one under DATA_DIR. */
export function openFromEnv(): DatabaseHandle {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openEmbedded(ensureDataDir());
}
