// `npx tsx bench/explain-aliases.ts`: what each view of the alias list (issue 17) costs Postgres at 100,000
// aliases in one domain (and 100,000 accounts), measured as bench/explain.ts measures the account list: every
// statement listAliases() runs (captured from drizzle's logger) again under EXPLAIN (ANALYZE, BUFFERS), the
// median of 5, the pages it touched, the plan's sequential scans, and the CPU time this database's backends
// spent per call. No HTTP load: for a loaded machine; `BENCH_ONLY=aliases npm run bench` is the HTTP one.
//
//   BENCH_EXPLAIN_DB    keep the seeded database under this name and reuse it on the next run
//   BENCH_SIZES         accounts (the first size only; default 100000)
//   BENCH_ALIASES       aliases (default: as many as accounts)
//   BENCH_EXPLAIN_VERBOSE=1  each statement's time and text too
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import bcrypt from 'bcrypt';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { setDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { openPostgres, pgPoolStats } from '@/db/open';
import * as schema from '@/db/schema';
import type { Database } from '@/db/types';
import type { AliasSort } from '@/db/queries/aliases';
import { listAliases } from '@/lib/aliases/list-aliases';
import type { Caller } from '@/lib/auth/caller';
import type { PageQuery } from '@/lib/pagination';
import { ADMIN_URL, withAdmin } from './admin-db';
import { backendsOf, cpuMs } from './server-process';
import { BENCH_DOMAIN, BENCH_PASSWORD, seed, seedAliases } from './seed';

const SIZE = Number((process.env.BENCH_SIZES ?? '100000').split(',')[0]);
const ALIASES = process.env.BENCH_ALIASES === undefined ? SIZE : Number(process.env.BENCH_ALIASES);
const KEEP = process.env.BENCH_EXPLAIN_DB;
const VERBOSE = process.env.BENCH_EXPLAIN_VERBOSE === '1';
const PAGE_SIZE = 25;
const RUNS = 5;
const CALLS = 40;
const log = (line: string) => console.log(line);

type Captured = { sql: string; params: unknown[] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function seqScans(plan: Record<string, unknown>, out: string[] = []): string[] {
  if (plan['Node Type'] === 'Seq Scan') out.push(`${String(plan['Relation Name'])} (${String(plan['Actual Rows'])} rows)`);
  for (const child of (plan['Plans'] as Record<string, unknown>[] | undefined) ?? []) seqScans(child, out);
  return out;
}

function views(deep: number): { name: string; query: Partial<PageQuery<AliasSort>> }[] {
  return [
    { name: 'first page', query: {} },
    { name: `deep page ${deep}`, query: { page: deep } },
    { name: 'search a name ("moretti")', query: { q: 'moretti' } },
    { name: 'search an address ("team.rossi.1")', query: { q: 'team.rossi.1' } },
    { name: 'search 2 letters ("ma")', query: { q: 'ma' } },
    { name: 'sort by address, desc', query: { dir: 'desc' } },
    { name: 'sort by status', query: { sort: 'status' } },
    { name: `sort by status, deep page ${deep}`, query: { sort: 'status', page: deep } },
    { name: 'sort by description, desc', query: { sort: 'description', dir: 'desc' } },
    { name: `sort by description, deep page ${deep}`, query: { sort: 'description', page: deep } },
  ];
}

async function main() {
  const name = KEEP ?? `mp_bench_${randomBytes(6).toString('hex')}`;
  const exists = await withAdmin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const migrate = async () => {
    const handle = openPostgres(url.toString(), { max: 2 });
    try {
      await runMigrations(handle);
    } finally {
      await handle.close();
    }
  };
  if (!exists) {
    await withAdmin((c) => c.query(`create database "${name}"`));
    await migrate();
    const seeded = await seed(url.toString(), SIZE, await bcrypt.hash(BENCH_PASSWORD, 4), log);
    await seedAliases(url.toString(), seeded.domainId, ALIASES, log);
  } else {
    await migrate();
  }
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query('vacuum analyze aliases, alias_targets');
  const ids = (await admin.query(`select d.id as domain, d.admin_id as admin, (select count(*)::int from aliases a where a.domain_id = d.id) as aliases from domains d where d.name = $1`, [BENCH_DOMAIN]))
    .rows[0] as { domain: number; admin: number; aliases: number };

  let captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Database;
  setDatabaseHandle({ kind: 'postgres', db, poolStats: () => pgPoolStats(pool), withConnection: (fn) => fn(db), close: () => pool.end() });
  const caller: Caller = { kind: 'admin', role: 'admin', id: ids.admin, label: 'bench', language: 'en', timeZone: 'UTC', sessionVersion: 1 };
  const deep = Math.max(1, Math.floor(Math.ceil(ids.aliases / PAGE_SIZE) * 0.75));

  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${ids.aliases.toLocaleString('en')} aliases in one domain; database ${name}`);
  log('| view | total | statements | Postgres ms (EXPLAIN ANALYZE, median of 5) | buffers (8 kB pages) | Postgres CPU ms / call | call ms (median, in-process) | seq scans | load |');
  log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
  try {
    for (const view of views(deep)) {
      const query: PageQuery<AliasSort> = { page: 1, pageSize: PAGE_SIZE, q: '', sort: 'address', dir: 'asc', ...view.query };
      const call = () => listAliases({ caller, query, domainId: ids.domain });
      captured = [];
      const list = await call();
      const statements = [...captured];
      let total = 0;
      let buffers = 0;
      const scans = new Set<string>();
      for (const statement of statements) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const { rows } = await admin.query(`explain (analyze, buffers, format json) ${statement.sql}`, statement.params);
          const [plan] = rows[0]['QUERY PLAN'] as [{ 'Execution Time': number; Plan: Record<string, unknown> }];
          times.push(plan['Execution Time']);
          if (i === 0) {
            for (const scan of seqScans(plan.Plan)) scans.add(scan);
            buffers += Number(plan.Plan['Shared Hit Blocks'] ?? 0) + Number(plan.Plan['Shared Read Blocks'] ?? 0);
          }
        }
        total += median(times);
        if (VERBOSE) log(`    ${median(times).toFixed(2)} ms: ${statement.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
      const before = cpuMs(backendsOf(name));
      const callTimes: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const started = performance.now();
        await call();
        callTimes.push(performance.now() - started);
      }
      const pgCpu = (cpuMs(backendsOf(name)) - before) / CALLS;
      log(
        `| ${view.name} | ${list.total.toLocaleString('en')} | ${statements.length} | ${total.toFixed(2)} | ${buffers} | ${pgCpu.toFixed(1)} | ${median(callTimes).toFixed(2)} | ${[...scans].join(', ') || '–'} | ${os.loadavg()[0]!.toFixed(1)} |`,
      );
    }
  } finally {
    setDatabaseHandle(undefined);
    await pool.end();
    await admin.end();
    if (!KEEP) await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
