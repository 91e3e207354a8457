import { sql } from 'drizzle-orm';
import type { Database } from '@/db';

// "Nothing changed" for the whole database: one md5 per table of the public schema over all its rows
// (each row as text, in a fixed order). Comparing two digests names the tables that moved.

export type Digest = Record<string, string>;

const tableLists = new WeakMap<Database, Promise<string[]>>();

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function tablesOf(db: Database): Promise<string[]> {
  let tables = tableLists.get(db);
  if (!tables) {
    tables = db
      .execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)
      .then((result) => rowsOf<{ tablename: string }>(result).map((row) => row.tablename));
    tableLists.set(db, tables);
  }
  return tables;
}

/** Every table's md5, in one statement; `except` leaves tables out (e.g. a throttle that counts by design). */
export async function tableDigest(db: Database, { except = [] }: { except?: readonly string[] } = {}): Promise<Digest> {
  const tables = (await tablesOf(db)).filter((table) => !except.includes(table));
  if (tables.length === 0) throw new Error('No tables to digest: is the database migrated?');
  const parts = tables.map(
    (table) => sql`${table}::text, (select md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) from ${sql.identifier(table)} t)`,
  );
  const result = await db.execute(sql`select jsonb_build_object(${sql.join(parts, sql`, `)})::text as digest`);
  const [row] = rowsOf<{ digest: string }>(result);
  if (!row) throw new Error('The digest query returned no row');
  return JSON.parse(row.digest) as Digest;
}

/** The tables whose digest differs (for readable failures). */
export function changedTables(before: Digest, after: Digest): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
