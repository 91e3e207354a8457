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

/** A connection pool's state now (pg.Pool's counts). */
export type PoolStats = { max: number; total: number; idle: number; waiting: number };

export type DatabaseHandle = {
  kind: 'postgres' | 'embedded';
  db: Database;
  /** The pool's counts; null for the embedded database, which has one in-process connection and no pool. */
  poolStats?(): PoolStats | null;
  /** Runs `fn` on one dedicated connection (advisory locks are per connection). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type PostgresOptions = {
  max?: number;
  /** Longest a statement may run before Postgres cancels it (0: no limit). */
  statementTimeoutMs?: number;
};

/**
 * A pool that fails fast when Postgres is gone (refused, reset, or silent) and heals by itself when it
 * is back: broken connections are dropped, the next request opens a fresh one. No request waits on the
 * database longer than the connect timeout plus the statement timeout.
 */
export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const statementTimeout = options.statementTimeoutMs ?? Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // A peer that vanished without closing the connection is noticed by TCP keepalive.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    statement_timeout: statementTimeout,
    // A request that died inside a transaction cannot hold its locks for long.
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle client losing its connection (e.g. Postgres restarting) must not crash the process.
  pool.on('error', (error) => console.error('[db] idle connection error:', error.message));
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Database,
    poolStats: () => pgPoolStats(pool),
    async withConnection(fn) {
      // Its own connection, outside the pool's statement timeout: migrations wait on an advisory lock
      // while another server migrates, and may legitimately run long.
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000, keepAlive: true });
      client.on('error', (error) => console.error('[db] connection error:', error.message));
      await client.connect();
      try {
        return await fn(drizzlePg(client, { schema }) as unknown as Database);
      } finally {
        await client.end();
      }
    },
    close: () => pool.end(),
  };
}

export function pgPoolStats(pool: pg.Pool): PoolStats {
  return { max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
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
    poolStats: () => null,
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
