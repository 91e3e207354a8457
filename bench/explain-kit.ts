// What bench/explain.ts (the account list) and bench/explain-aliases.ts (the alias list) share: a seeded
// database kept between runs, a drizzle handle that records every statement a list function runs, and each
// statement run again under EXPLAIN (ANALYZE, BUFFERS).
import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { setDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { openPostgres, pgPoolStats } from '@/db/open';
import * as schema from '@/db/schema';
import type { Database } from '@/db/types';
import { ADMIN_URL, withAdmin } from './admin-db';
import { backendsOf, cpuMs } from './server-process';

export type Captured = { sql: string; params: unknown[] };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The plan's nodes that read a relation sequentially, with the rows they read. */
export function seqScans(plan: Record<string, unknown>, out: string[] = []): string[] {
  if (plan['Node Type'] === 'Seq Scan') out.push(`${String(plan['Relation Name'])} (${String(plan['Actual Rows'])} rows)`);
  for (const child of (plan['Plans'] as Record<string, unknown>[] | undefined) ?? []) seqScans(child, out);
  return out;
}

/**
 * The database `keep` names (or a new scratch one): created, migrated and seeded by `seedInto` when it does
 * not exist; a kept one gets the migrations added since (new indexes).
 */
export async function benchDatabase(keep: string | undefined, seedInto: (url: string) => Promise<void>): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = keep ?? `mp_bench_${randomBytes(6).toString('hex')}`;
  const exists = await withAdmin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (!exists) await withAdmin((c) => c.query(`create database "${name}"`));
  const handle = openPostgres(url.toString(), { max: 2 });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  if (!exists) await seedInto(url.toString());
  return { name, url: url.toString(), drop: async () => void (keep ? undefined : await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`))) };
}

type Recording = { take(): Captured[]; close(): Promise<void> };

/** Makes `url` the panel's database for this process, recording each statement it runs. */
export function recordingDatabase(url: string): Recording {
  let captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Database;
  setDatabaseHandle({ kind: 'postgres', db, poolStats: () => pgPoolStats(pool), withConnection: (fn) => fn(db), close: () => pool.end() });
  return {
    take: () => {
      const taken = captured;
      captured = [];
      return taken;
    },
    close: async () => {
      setDatabaseHandle(undefined);
      await pool.end();
    },
  };
}

/**
 * Each statement again under EXPLAIN (ANALYZE, BUFFERS), `runs` times: the sum of their median execution
 * times, the 8 kB pages they touched (what the work is, whatever the machine's load) and their sequential scans.
 */
export async function explainStatements(admin: pg.Client, statements: Captured[], runs: number, verbose?: (line: string) => void) {
  let total = 0;
  let buffers = 0;
  const scans = new Set<string>();
  for (const statement of statements) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { rows } = await admin.query(`explain (analyze, buffers, format json) ${statement.sql}`, statement.params);
      const [plan] = rows[0]['QUERY PLAN'] as [{ 'Execution Time': number; Plan: Record<string, unknown> }];
      times.push(plan['Execution Time']);
      if (i === 0) {
        for (const scan of seqScans(plan.Plan)) scans.add(scan);
        buffers += Number(plan.Plan['Shared Hit Blocks'] ?? 0) + Number(plan.Plan['Shared Read Blocks'] ?? 0);
      }
    }
    total += median(times);
    verbose?.(`    ${median(times).toFixed(2)} ms: ${statement.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  return { total, buffers, scans: [...scans] };
}

export type ExplainSession = { database: string; admin: pg.Client; recording: Recording };

/**
 * The bench database (benchDatabase; BENCH_EXPLAIN_DB names one to keep), a client of its own for VACUUM and EXPLAIN, and the panel's code
 * recorded on it (recordingDatabase); `body` runs with them, and they are closed (a scratch database
 * dropped) whatever happens.
 */
export async function withExplainSession(seedInto: (url: string) => Promise<void>, body: (session: ExplainSession) => Promise<void>) {
  const database = await benchDatabase(process.env.BENCH_EXPLAIN_DB, seedInto);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const recording = recordingDatabase(database.url);
  try {
    await body({ database: database.name, admin, recording });
  } finally {
    await recording.close();
    await admin.end();
    await database.drop();
  }
}

// How every view is measured: each statement's EXPLAIN run 5 times (the median counts), then 40 calls;
// BENCH_EXPLAIN_VERBOSE=1 prints each statement's time and text.
const MEASURE = { runs: 5, calls: 40, verbose: process.env.BENCH_EXPLAIN_VERBOSE === '1' ? (line: string) => console.log(line) : undefined };

/**
 * One view of a list: `call` once with its statements recorded and explained (explainStatements), then
 * `calls` times more for the CPU this database's backends spend per call (not disturbed by waiting for a
 * core) and the median time of a call in this process.
 */
export async function measureView<T>({ admin, recording, database }: ExplainSession, call: () => Promise<T>) {
  const { runs, calls, verbose } = MEASURE;
  recording.take();
  const result = await call();
  const statements = recording.take();
  const explained = await explainStatements(admin, statements, runs, verbose);
  const before = cpuMs(backendsOf(database));
  const callTimes: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await call();
    callTimes.push(performance.now() - started);
  }
  const pgCpu = (cpuMs(backendsOf(database)) - before) / calls;
  return { result, statements: statements.length, ...explained, pgCpu, callMs: median(callTimes) };
}
