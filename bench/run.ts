// `npm run bench`: the email-account list at 10,000 and 100,000 accounts in one domain, measured through
// HTTP against the production server on real Postgres. See bench/RESULTS.md for the figures.
//
//   BENCH_DATABASE_URL  a Postgres server to create (and afterwards drop) a scratch database on
//                       (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_SIZES         accounts in the big domain, comma-separated (default 10000,100000)
//   BENCH_REQUESTS      measured requests per scenario (default 500), after BENCH_WARMUP (default 100; a
//                       round of them over every view first, then again before each view)
//   BENCH_REBUILD=1     run `next build` even though .next/BUILD_ID exists
//   BENCH_ALIASES       aliases seeded in the big domain, for the alias list's views (issue 17; default: as
//                       many as accounts; 0 leaves them out)
//   BENCH_ONLY=aliases  only the alias list's views (no account views, no import or bulk bench)
//
// It exits non-zero when a response was wrong or one of issue 4's targets was missed (bench/targets.ts).
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { setDatabaseHandle } from '@/db';
import type { AccountFilters, AccountSort } from '@/db/queries/accounts';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import type { AliasSort } from '@/db/queries/aliases';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { listAliases } from '@/lib/aliases/list-aliases';
import type { Caller } from '@/lib/auth/caller';
import type { PageQuery } from '@/lib/pagination';
import type { LoadResult } from './http';
import { startLoadGenerator } from './load-generator';
import { verdict } from './targets';
import { backendsOf, cpuMs, processTree, startServer } from './server-process';
import { runBulkBench } from './bulk';
import { runImportBench } from './import';
import { writeResultFile } from './result-file';
import { BENCH_ADMIN, BENCH_DOMAIN, BENCH_PASSWORD, seed, seedAliases, type SeededAliases } from './seed';
import { ADMIN_URL, withAdmin } from './admin-db';

const ROOT = process.cwd();
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map((s) => Number(s.trim()));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const ALIASES = process.env.BENCH_ALIASES;
const ONLY_ALIASES = process.env.BENCH_ONLY === 'aliases';
const CONCURRENCY = 16;
const PAGE_SIZE = 25;

const log = (line: string) => console.log(line);
const cleanups: (() => Promise<void>)[] = [];

function forget(step: () => Promise<void>) {
  const at = cleanups.indexOf(step);
  if (at >= 0) cleanups.splice(at, 1);
}

async function cleanupAll() {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    await step().catch((error: unknown) => console.error('cleanup:', error instanceof Error ? error.message : error));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: cleaning up`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

function ensureBuild() {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (fs.existsSync(buildId) && process.env.BENCH_REBUILD !== '1') {
    log(`Using the existing production build (${buildId}); BENCH_REBUILD=1 rebuilds it.`);
    return;
  }
  log('Building the production bundle (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}


function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the server's resident memory every 100 ms: the largest process of the tree, and the tree. */
function sampleMemory(root: number) {
  let peakServer = 0;
  let peakTree = 0;
  let peakSinceMark = 0;
  let serverPid = root;
  const sample = () => {
    let tree = 0;
    for (const pid of processTree(root)) {
      const rss = statusKb(pid, 'VmRSS');
      tree += rss;
      if (rss > statusKb(serverPid, 'VmRSS')) serverPid = pid;
    }
    const server = statusKb(serverPid, 'VmRSS');
    peakServer = Math.max(peakServer, server);
    peakSinceMark = Math.max(peakSinceMark, server);
    peakTree = Math.max(peakTree, tree);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    now: () => statusKb(serverPid, 'VmRSS'),
    /** The peak since the last call, in MB. */
    mark() {
      sample();
      const peak = peakSinceMark / 1024;
      peakSinceMark = 0;
      return peak;
    },
    stop() {
      clearInterval(timer);
      sample();
      return { peakServerMb: peakServer / 1024, peakTreeMb: peakTree / 1024, hwmMb: statusKb(serverPid, 'VmHWM') / 1024 };
    },
  };
}

// ---- the data layer alone --------------------------------------------------------------------------

type DataResult = { name: string; medianMs: number; rows: number; total: number };

/**
 * listAccounts() called in this process, one call at a time (no HTTP, no React): what the database
 * work of each view costs, queries and round trips included.
 */
async function timeDataLayer(url: string, adminId: number, domainId: number, pages: number, deep: number, names: { name: string; address: string }) {
  const handle = openPostgres(url, { max: 4 });
  setDatabaseHandle(handle);
  const caller: Caller = { kind: 'admin', role: 'admin', id: adminId, label: 'bench', language: 'en', timeZone: 'UTC', sessionVersion: 1 };
  const q = (over: Partial<PageQuery<AccountSort>>): PageQuery<AccountSort> => ({ page: 1, pageSize: PAGE_SIZE, q: '', sort: 'address', dir: 'asc', ...over });
  const cases: [string, PageQuery<AccountSort>][] = [
    ['first page', q({})],
    [`deep page (¾ of the way: ${deep} of ${pages})`, q({ page: deep })],
    [`search a name ("${names.name}")`, q({ q: names.name })],
    [`search an address ("${names.address}")`, q({ q: names.address })],
    ['sort by storage used, desc', q({ sort: 'storage', dir: 'desc' })],
    ['sort by storage used, the same deep page', q({ sort: 'storage', dir: 'desc', page: deep })],
    ['sort by last access, desc', q({ sort: 'lastAccess', dir: 'desc' })],
    ['sort by sent (24 h), desc', q({ sort: 'sent', dir: 'desc' })],
    ['sort by status', q({ sort: 'status' })],
    ['search 2 letters ("ma")', q({ q: 'ma' })],
    ['search 1 letter ("m")', q({ q: 'm' })],
  ];
  // The list's filters (issue 23): each on its own index, and combined with a search and a sort.
  const filtered: [string, PageQuery<AccountSort>, AccountFilters][] = [
    ['filter: status Offline', q({}), { status: 'offline' }],
    ['filter: over 90% of storage', q({}), { full: true }],
    ['filter: never signed in', q({}), { neverSignedIn: true }],
    ['filter: not signed in for 30 days', q({}), { idleDays: 30 }],
    ['filter: two-step on', q({}), { otp: true }],
    // A filter's total is counted up to COUNT_CAP: the pager links to page 400 at most (10,000 / 25); a page
    // typed past it is counted exactly and read from the nearer end (not a target).
    ['filter: two-step off, page 400 (the last the pager offers)', q({ page: Math.min(400, Math.floor(deep * 0.85)) }), { otp: false }],
    ['filter: two-step off, deep page', q({ page: deep }), { otp: false }],
    ['filter: forwarding on', q({}), { forwarding: true }],
    ['filter: IMAP off', q({}), { service: { name: 'imap', on: false } }],
    ['filter: Online + two-step off, by storage', q({ sort: 'storage', dir: 'desc' }), { status: 'online', otp: false }],
    [`filter: over 90% + search ("${names.name}")`, q({ q: names.name }), { full: true }],
  ];
  const results: DataResult[] = [];
  try {
    for (const [name, query, filters] of [...cases.map(([n, c]) => [n, c, {}] as const), ...filtered]) {
      const times: number[] = [];
      let last = { rows: 0, total: 0 };
      for (let i = 0; i < 40; i++) {
        const started = performance.now();
        const list = await listAccounts({ caller, query, filters, domainId });
        times.push(performance.now() - started);
        last = { rows: list.rows.length, total: list.total };
      }
      times.sort((a, b) => a - b);
      const medianMs = times[Math.floor(times.length / 2)]!;
      results.push({ name, medianMs, ...last });
      log(`  data layer: ${name.padEnd(40)} median ${medianMs.toFixed(2).padStart(6)} ms  (${last.rows} rows of ${last.total})`);
    }
  } finally {
    setDatabaseHandle(undefined);
    await handle.close();
  }
  return results;
}

/** listAliases() in this process, one call at a time: the alias list's database work per view (issue 17). */
async function timeAliasDataLayer(url: string, adminId: number, domainId: number, views: [string, Partial<PageQuery<AliasSort>>][]) {
  const handle = openPostgres(url, { max: 4 });
  setDatabaseHandle(handle);
  const caller: Caller = { kind: 'admin', role: 'admin', id: adminId, label: 'bench', language: 'en', timeZone: 'UTC', sessionVersion: 1 };
  const results: DataResult[] = [];
  try {
    for (const [name, over] of views) {
      const query: PageQuery<AliasSort> = { page: 1, pageSize: PAGE_SIZE, q: '', sort: 'address', dir: 'asc', ...over };
      const times: number[] = [];
      let last = { rows: 0, total: 0 };
      for (let i = 0; i < 40; i++) {
        const started = performance.now();
        const list = await listAliases({ caller, query, domainId });
        times.push(performance.now() - started);
        last = { rows: list.rows.length, total: list.total };
      }
      times.sort((a, b) => a - b);
      const medianMs = times[Math.floor(times.length / 2)]!;
      results.push({ name: `aliases: ${name}`, medianMs, ...last });
      log(`  data layer: aliases: ${name.padEnd(31)} median ${medianMs.toFixed(2).padStart(6)} ms  (${last.rows} rows of ${last.total})`);
    }
  } finally {
    setDatabaseHandle(undefined);
    await handle.close();
  }
  return results;
}

/** The alias list's views (issue 17): the same kinds as the account list's targets. */
function aliasViews(aliases: SeededAliases): { name: string; label: string; query: Partial<PageQuery<AliasSort>>; search: string }[] {
  const pages = Math.ceil(aliases.aliases / PAGE_SIZE);
  const deep = Math.max(1, Math.floor(pages * 0.75));
  return [
    { name: 'first page', label: 'first page', query: {}, search: '' },
    { name: `deep page (${deep} of ${pages})`, label: 'deep page (¾ of the way)', query: { page: deep }, search: `page=${deep}` },
    { name: `search ("${aliases.searchAlias}")`, label: 'search a name', query: { q: aliases.searchAlias }, search: `q=${aliases.searchAlias}` },
    { name: `search an address ("${aliases.sampleAlias.split('@')[0]}")`, label: 'search an address', query: { q: aliases.sampleAlias.split('@')[0]! }, search: `q=${aliases.sampleAlias.split('@')[0]}` },
    { name: 'search 2 letters ("ma")', label: 'search 2 letters', query: { q: 'ma' }, search: 'q=ma' },
    { name: 'sort by address, desc', label: 'sort by address, desc', query: { dir: 'desc' }, search: 'sort=address&dir=desc' },
    { name: 'sort by status', label: 'sort by status', query: { sort: 'status' }, search: 'sort=status&dir=asc' },
    { name: 'sort by description, desc', label: 'sort by description, desc', query: { sort: 'description', dir: 'desc' }, search: 'sort=description&dir=desc' },
    { name: `sort by description, deep page ${deep}`, label: 'sort by description, the deep page', query: { sort: 'description', page: deep }, search: `sort=description&dir=asc&page=${deep}` },
  ];
}

// ---- one size --------------------------------------------------------------------------------------

/** `target`: one of the views issue 4's p95 target is about (bench/targets.ts); `mustContain`: what a right answer holds. */
type Scenario = { name: string; label?: string; path: string; target?: boolean; mustContain: string[] };
type SizeResult = {
  accounts: number;
  seedSeconds: number;
  dataLayer: DataResult[];
  scenarios: (LoadResult & { name: string; label: string; path: string; target: boolean; serverCpuMs: number; pgCpuMs: number; peakMb: number })[];
  memory: { idleMb: number; peakServerMb: number; peakTreeMb: number; hwmMb: number };
  load: string;
};

async function runSize(size: number, passwordHash: string): Promise<SizeResult> {
  const name = `mp_bench_${randomBytes(6).toString('hex')}`;
  log(`\n== ${size.toLocaleString('en')} accounts (database ${name}) ==`);
  await withAdmin((c) => c.query(`create database "${name}"`));
  const dropDatabase = async () => {
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    log(`  dropped ${name}`);
  };
  cleanups.push(dropDatabase);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;

  const seedStarted = performance.now();
  const handle = openPostgres(url.toString(), { max: 2 });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  const seeded = await seed(url.toString(), size, passwordHash, log);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`  seeded (with migrations) in ${seedSeconds.toFixed(1)} s`);
  const pages = Math.ceil(seeded.accounts / PAGE_SIZE);
  const deep = Math.max(1, Math.floor(pages * 0.75));
  // Aliases after the seed's timing (issue 4's target is about accounts).
  const aliasCount = ALIASES === undefined ? size : Number(ALIASES);
  const aliases = aliasCount > 0 ? await seedAliases(url.toString(), seeded.domainId, aliasCount, log) : undefined;
  const dataLayer = [
    ...(ONLY_ALIASES ? [] : await timeDataLayer(url.toString(), seeded.adminId, seeded.domainId, pages, deep, { name: seeded.searchName, address: seeded.searchAddress })),
    ...(aliases ? await timeAliasDataLayer(url.toString(), seeded.adminId, seeded.domainId, aliasViews(aliases).map((v) => [v.name, v.query])) : []),
  ];

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-bench-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const server = await startServer(url.toString(), dataDir);
  cleanups.push(server.stop);
  const memory = sampleMemory(server.pid);
  const client = startLoadGenerator(ROOT);
  try {
    await client.signIn(server.baseURL, CONCURRENCY, BENCH_ADMIN, BENCH_PASSWORD);
    const idleMb = memory.now() / 1024;
    const list = `/domains/${seeded.domainId}/accounts`;
    // The page formats its numbers for the locale (issue 23): "Showing 75,001–75,025 of 100,000".
    const showing = (page: number) => [`Showing ${((page - 1) * PAGE_SIZE + 1).toLocaleString('en')}–`, `of ${seeded.accounts.toLocaleString('en')}`];
    const table = ['<table'];
    // At 100,000 the common filters and short searches match more than COUNT_CAP: the pager says so.
    const capped = seeded.accounts >= 100_000 ? ['of more than 10,000'] : [];
    const lastOffered = Math.min(400, Math.floor(deep * 0.85));
    const scenarios: Scenario[] = [
      { name: 'first page', path: list, target: true, mustContain: showing(1) },
      { name: `deep page (${deep} of ${pages})`, label: 'deep page (¾ of the way: 3000 of 4000 at 100,000)', path: `${list}?page=${deep}`, target: true, mustContain: showing(deep) },
      { name: `search a name ("${seeded.searchName}")`, path: `${list}?q=${seeded.searchName}`, target: true, mustContain: [...table, seeded.searchName] },
      { name: `search an address ("${seeded.searchAddress}")`, path: `${list}?q=${seeded.searchAddress}`, target: true, mustContain: [...table, seeded.searchAddress] },
      { name: 'sort by storage used, desc', path: `${list}?sort=storage&dir=desc`, target: true, mustContain: showing(1) },
      { name: `sort by storage used, deep page ${deep}`, label: 'sort by storage used, the same deep page', path: `${list}?sort=storage&dir=desc&page=${deep}`, target: true, mustContain: showing(deep) },
      { name: 'sort by last access, desc', path: `${list}?sort=lastAccess&dir=desc`, mustContain: showing(1) },
      { name: 'sort by sent (24 h), desc', path: `${list}?sort=sent&dir=desc`, mustContain: showing(1) },
      { name: 'sort by status', path: `${list}?sort=status&dir=asc`, mustContain: showing(1) },
      { name: 'sort by address, desc', path: `${list}?sort=address&dir=desc`, mustContain: showing(1) },
      { name: 'all domains (/accounts), by storage', path: `/accounts?sort=storage&dir=desc`, mustContain: table },
      // The list's filters (issue 23, point 11): the same target as the views above.
      { name: 'filter: status Offline', path: `${list}?status=offline`, target: true, mustContain: table },
      { name: 'filter: over 90% of storage', path: `${list}?full=1`, target: true, mustContain: table },
      { name: 'filter: never signed in', path: `${list}?never=1`, target: true, mustContain: table },
      { name: 'filter: not signed in for 30 days', path: `${list}?idle=30`, target: true, mustContain: table },
      { name: 'filter: two-step on', path: `${list}?otp=on`, target: true, mustContain: table },
      // Its total is capped at 10,000 ("of more than 10,000"): page 400 is the last the pager links to.
      { name: `filter: two-step off, page ${lastOffered}`, label: 'filter: two-step off, the last page the pager offers (400)', path: `${list}?otp=off&page=${lastOffered}`, target: true, mustContain: [...table, ...capped] },
      { name: `filter: two-step off, deep page ${Math.floor(deep * 0.85)}`, label: 'filter: two-step off, a deep page typed in the URL', path: `${list}?otp=off&page=${Math.floor(deep * 0.85)}`, mustContain: table },
      { name: 'filter: forwarding on', path: `${list}?fwd=on`, target: true, mustContain: table },
      { name: 'filter: IMAP off', path: `${list}?svc=imap-off`, target: true, mustContain: table },
      { name: 'filter: Online + two-step off, by storage', path: `${list}?status=online&otp=off&sort=storage&dir=desc`, target: true, mustContain: table },
      { name: `filter: over 90% + search ("${seeded.searchName}")`, label: 'filter: over 90% + search a name', path: `${list}?full=1&q=${seeded.searchName}`, target: true, mustContain: table },
      // Short searches (issue 21, point 3): the start of the address or of a name word, through the trigram
      // index; their totals are capped.
      { name: 'search 2 letters ("ma")', path: `${list}?q=ma`, target: true, mustContain: [...table, ...capped] },
      { name: 'search 1 letter ("m")', path: `${list}?q=m`, target: true, mustContain: [...table, ...capped] },
      // Not a target, for context: the floor of this server: a page with the panel's shell only (session
      // check, layout, no list).
      { name: 'floor: /me (shell only, no list)', path: '/me', mustContain: ['<main'] },
      // Not targets either: the other pages an operator opens at this size. An account's page offers ~400
      // time zones with their offsets (215 ms of CPU per request until the offsets were kept).
      { name: "an account's page", path: `/accounts/${seeded.sampleAccountId}`, mustContain: ['<main', 'Europe/Rome'] },
      { name: "the domain's home page", path: `/domains/${seeded.domainId}`, mustContain: ['<main', BENCH_DOMAIN] },
    ];
    // The alias list (issue 17): the same p95 target at concurrency 16 as the account list's views.
    const aliasList = `/domains/${seeded.domainId}/aliases`;
    const aliasScenarios: Scenario[] = (aliases ? aliasViews(aliases) : []).map((view) => ({
      name: `aliases: ${view.name}`,
      label: `aliases: ${view.label}`,
      path: view.search ? `${aliasList}?${view.search}` : aliasList,
      target: true,
      mustContain: table,
    }));
    if (ONLY_ALIASES) scenarios.splice(0, scenarios.length);
    scenarios.push(...aliasScenarios);
    // A server that has been up for a while has compiled its hot paths: one warm-up round over every
    // view first, so the first view measured is not the one that pays for the JIT.
    for (const scenario of scenarios) await client.load(scenario.path, { total: WARMUP, concurrency: CONCURRENCY, mustContain: scenario.mustContain });
    const results: SizeResult['scenarios'] = [];
    for (const scenario of scenarios) {
      await client.load(scenario.path, { total: WARMUP, concurrency: CONCURRENCY, mustContain: scenario.mustContain });
      // CPU spent per request by the server (all its processes) and by this database's Postgres backends:
      // unlike latency, it does not depend on what else the machine is doing at the time.
      memory.mark();
      const serverPids = processTree(server.pid);
      const before = { server: cpuMs(serverPids), pg: cpuMs(backendsOf(name)) };
      const result = await client.load(scenario.path, { total: REQUESTS, concurrency: CONCURRENCY, mustContain: scenario.mustContain });
      const serverCpu = (cpuMs(serverPids) - before.server) / REQUESTS;
      const pgCpu = (cpuMs(backendsOf(name)) - before.pg) / REQUESTS;
      const peakMb = memory.mark();
      results.push({ name: scenario.name, label: scenario.label ?? scenario.name, path: scenario.path, target: scenario.target ?? false, ...result, serverCpuMs: serverCpu, pgCpuMs: pgCpu, peakMb });
      log(
        `  ${scenario.name.padEnd(44)} p50 ${result.p50.toFixed(1).padStart(6)} ms  p95 ${result.p95.toFixed(1).padStart(6)} ms  ` +
          `p99 ${result.p99.toFixed(1).padStart(6)} ms  ${result.rps.toFixed(0).padStart(4)} req/s  errors ${result.errors}  ` +
          `CPU/request: server ${serverCpu.toFixed(1)} ms, Postgres ${pgCpu.toFixed(1)} ms  RSS peak ${peakMb.toFixed(0)} MB  (load ${os.loadavg()[0]!.toFixed(2)})`,
      );
    }
    const mem = memory.stop();
    log(`  server memory: ${idleMb.toFixed(0)} MB after sign-in, peak RSS ${mem.peakServerMb.toFixed(0)} MB (VmHWM ${mem.hwmMb.toFixed(0)} MB; with the tsx wrapper ${mem.peakTreeMb.toFixed(0)} MB)`);
    return { accounts: seeded.accounts, seedSeconds, dataLayer, scenarios: results, memory: { idleMb, ...mem }, load: os.loadavg().map((l) => l.toFixed(2)).join(' ') };
  } finally {
    memory.stop();
    client.close();
    await server.stop();
    forget(server.stop);
    await dropDatabase();
    forget(dropDatabase);
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

async function main() {
  ensureBuild();
  const pgVersion = await withAdmin(async (c) => (await c.query('show server_version')).rows[0].server_version as string);
  log(`Machine: ${machine()}; PostgreSQL ${pgVersion}; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`Concurrency ${CONCURRENCY}, ${REQUESTS} measured requests per scenario after ${WARMUP} warm-up requests.`);
  // One bcrypt hash (cost 10, as in production) for every seeded account.
  const passwordHash = await bcrypt.hash(BENCH_PASSWORD, 10);
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await runSize(size, passwordHash));

  const file = writeResultFile('results', { machine: machine(), postgres: pgVersion, concurrency: CONCURRENCY, requests: REQUESTS, results }, ROOT);

  log('\n| scenario | ' + results.map((r) => `${r.accounts.toLocaleString('en')}: p50 / p95 ms, req/s (CPU ms/request: server + Postgres)`).join(' | ') + ' |');
  log('|---|' + results.map(() => '---').join('|') + '|');
  results[0]?.scenarios.forEach((_, i) => {
    const name = results[0]!.scenarios[i]!.label;
    const cells = results.map((r) => {
      const s = r.scenarios[i]!;
      return `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)}, ${s.rps.toFixed(0)} (CPU ${s.serverCpuMs.toFixed(1)} + ${s.pgCpuMs.toFixed(1)})${s.errors ? ` (${s.errors} errors)` : ''}`;
    });
    log(`| ${name} | ${cells.join(' | ')} |`);
  });
  log(`| server peak RSS (MB) | ${results.map((r) => `${r.memory.peakServerMb.toFixed(0)} (idle ${r.memory.idleMb.toFixed(0)})`).join(' | ')} |`);
  log(`| seed time (s) | ${results.map((r) => r.seedSeconds.toFixed(1)).join(' | ')} |`);
  log('\n| data layer alone (listAccounts in-process, median ms) | ' + results.map((r) => r.accounts.toLocaleString('en')).join(' | ') + ' |');
  log('|---|' + results.map(() => '---').join('|') + '|');
  results[0]?.dataLayer.forEach((entry, i) => {
    log(`| ${entry.name.replace(/: \d+ of \d+/, '')} | ${results.map((r) => r.dataLayer[i]!.medianMs.toFixed(2)).join(' | ')} |`);
  });
  log(`\nWritten to ${path.relative(ROOT, file)}`);
  const { ok, lines } = verdict(results);
  log(`\nIssue 4's targets (bench/targets.ts):\n${lines.map((line) => `  ${line}`).join('\n')}`);
  if (!ok) process.exitCode = 1;
  if (ONLY_ALIASES) return;
  // The CSV import of 10,000 accounts (bench/import.ts).
  const imported = await runImportBench(log, (step) => {
    cleanups.push(step);
    return () => forget(step);
  });
  log(`Written to ${path.relative(ROOT, writeResultFile('import', imported, ROOT))}`);
  // A bulk change of 10,000 accounts at 100,000, with the list read meanwhile (bench/bulk.ts).
  const bulk = await runBulkBench(log, (step) => {
    cleanups.push(step);
    return () => forget(step);
  });
  log(`Written to ${path.relative(ROOT, writeResultFile('bulk', bulk, ROOT))}`);
  if (!bulk.ok) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
