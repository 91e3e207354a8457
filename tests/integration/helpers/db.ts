import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { getDb, setDatabaseHandle, type Database } from '@/db';
import { runMigrations } from '@/db/migrate';
import { openEmbedded, openPostgres, type DatabaseHandle } from '@/db/open';

export type TestDriver = 'embedded' | 'postgres';

export type TestDatabase = {
  /** The driver this run uses (set per vitest project through MAILPANEL_TEST_DRIVER). */
  kind: TestDriver;
  /** The migrated database installed for this file; only valid inside tests and hooks. */
  db(): Database;
  handle(): DatabaseHandle;
};

export function testDriver(): TestDriver {
  const driver = process.env.MAILPANEL_TEST_DRIVER ?? 'embedded';
  if (driver !== 'embedded' && driver !== 'postgres') {
    throw new Error(`MAILPANEL_TEST_DRIVER must be "embedded" or "postgres", not "${driver}".`);
  }
  return driver;
}

/**
 * Call once at the top of a test file: every file gets its own fresh, fully migrated database,
 * installed as the process-wide handle (so code under test calling getDb() uses it).
 */
export function useTestDatabase(): TestDatabase {
  const kind = testDriver();
  let handle: DatabaseHandle | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (kind === 'embedded') {
      handle = openEmbedded();
    } else {
      const created = await createPostgresDatabase();
      dropDatabase = created.drop;
      handle = openPostgres(created.url, { max: 4 });
    }
    await runMigrations(handle);
    setDatabaseHandle(handle);
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    try {
      await handle?.close();
    } finally {
      handle = undefined;
      await dropDatabase?.();
    }
  });

  const current = (): DatabaseHandle => {
    if (!handle) throw new Error('The test database is only open inside tests and hooks (useTestDatabase).');
    return handle;
  };
  return { kind, handle: current, db: () => current().db };
}

/** Empties every table in the public schema, restarting sequences: a clean slate between cases. */
export async function resetTables(db: Database = getDb()): Promise<void> {
  // Both drivers (node-postgres and PGlite) answer raw queries with `{ rows }`.
  const result = (await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  )) as unknown as { rows: { tablename: string }[] };
  const tables = result.rows.map((row) => sql.identifier(row.tablename));
  if (tables.length === 0) return;
  await db.execute(sql`truncate table ${sql.join(tables, sql`, `)} restart identity cascade`);
}

/** A new database on the TEST_DATABASE_URL server (same credentials), and how to drop it again. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('MAILPANEL_TEST_DRIVER=postgres needs TEST_DATABASE_URL.');
  const name = `mp_${randomBytes(8).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdminClient(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
