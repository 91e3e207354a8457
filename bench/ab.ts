// A/B of two builds of the panel on one seeded database, measured by an independent load generator (wrk):
//
//   npx tsx bench/ab.ts <checkout A> <checkout B>
//
// Each checkout needs its own production build (`next build` there) and node_modules. The two servers run
// side by side on one scratch database seeded like `npm run bench`; every round measures each view on A
// and on B in turn, the order flipping each round, so drift in the machine's speed falls on both alike.
//
//   AB_ACCOUNTS     accounts in the seeded domain (default 100000)
//   AB_ROUNDS       rounds (default 4)
//   AB_SECONDS      seconds per wrk run (default 10)
//   AB_CONNECTIONS  wrk connections (default 16)
//   AB_VIEWS        extra views, as `name=path;name=path` (`{domain}` stands for the seeded domain's id):
//                   AB_VIEWS='tokens=/me/tokens;plans=/plans' splits a list's cost from the shell's
//   AB_SAVE_DIR     where to write each side's page of each view as HTML (its size is printed either way)
//   AB_A_ENV, AB_B_ENV  extra environment for a side's server, as JSON: the same checkout twice with
//                   AB_B_ENV='{"NODE_OPTIONS":"--max-semi-space-size=16"}' compares a setting, not a build
//   BENCH_DATABASE_URL  as for `npm run bench`
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { BENCH_PASSWORD, seed } from './seed';
import { signIn } from './sign-in';
import { runWrk, type WrkRun } from './wrk';
import { peakRssMb, startServer, type Server } from './server-process';
import { ADMIN_URL, withAdmin } from './admin-db';

const ACCOUNTS = Number(process.env.AB_ACCOUNTS ?? 100_000);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 4);
const SECONDS = Number(process.env.AB_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.AB_CONNECTIONS ?? 16);
const PAGE_SIZE = 25;

type Side = { label: 'A' | 'B'; dir: string; env: Record<string, string>; server?: Server; cookie?: string };
type Run = WrkRun;

/** One wrk run on a side (bench/wrk.ts): a non-2xx answer fails the whole A/B. */
function wrk(side: Side, url: string, seconds: number): Run {
  return runWrk({ server: side.server!, cookie: side.cookie!, url, seconds, connections: CONNECTIONS, label: side.label });
}

function sideEnv(name: string): Record<string, string> {
  const raw = process.env[name];
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((value) => typeof value !== 'string')) throw new Error(`${name} must be a JSON object of strings`);
  return parsed as Record<string, string>;
}

function extraViews(domainId: number): { name: string; path: string }[] {
  return (process.env.AB_VIEWS ?? '')
    .split(';')
    .filter(Boolean)
    .map((entry) => {
      const [name, view] = entry.split('=', 2);
      if (!name || !view?.startsWith('/')) throw new Error(`AB_VIEWS: "${entry}" is not name=/path`);
      return { name, path: view.replaceAll('{domain}', String(domainId)) };
    });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main() {
  const [dirA, dirB] = process.argv.slice(2).map((dir) => path.resolve(dir));
  if (!dirA || !dirB) throw new Error('usage: npx tsx bench/ab.ts <checkout A> <checkout B>');
  const sides: Side[] = [
    { label: 'A', dir: dirA, env: sideEnv('AB_A_ENV') },
    { label: 'B', dir: dirB, env: sideEnv('AB_B_ENV') },
  ];
  for (const side of sides) if (!fs.existsSync(path.join(side.dir, '.next', 'BUILD_ID'))) throw new Error(`no production build in ${side.dir}`);
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is not installed (apt-get install wrk)');

  const name = `mp_ab_${randomBytes(6).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-ab-'));
  await withAdmin((c) => c.query(`create database "${name}"`));
  try {
    const handle = openPostgres(url.toString(), { max: 2 });
    await runMigrations(handle).finally(() => handle.close());
    const seeded = await seed(url.toString(), ACCOUNTS, await bcrypt.hash(BENCH_PASSWORD, 10), (line) => console.log(line));
    const deep = Math.max(1, Math.floor(Math.ceil(seeded.accounts / PAGE_SIZE) * 0.75));
    const list = `/domains/${seeded.domainId}/accounts`;
    const views = [
      { name: 'first page', path: list },
      { name: `deep page (${deep})`, path: `${list}?page=${deep}` },
      { name: `by storage, deep page (${deep})`, path: `${list}?sort=storage&dir=desc&page=${deep}` },
      ...extraViews(seeded.domainId),
    ];
    for (const side of sides) {
      side.server = await startServer(url.toString(), path.join(dataDir, side.label), side.dir, side.env);
      side.cookie = await signIn(side.server.baseURL);
      for (const view of views) {
        const page = await fetch(side.server.baseURL + view.path, { headers: { cookie: side.cookie } });
        const html = await page.text();
        if (page.status !== 200 || (view.path.startsWith(list) && !html.includes('<table'))) throw new Error(`${side.label} ${view.path}: HTTP ${page.status}, not the list`);
        const payload = [...html.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce((sum, match) => sum + match[1]!.length, 0);
        console.log(`${side.label} ${view.name}: page ${(html.length / 1000).toFixed(1)} KB, of which React payload scripts ${(payload / 1000).toFixed(1)} KB`);
        if (process.env.AB_SAVE_DIR) fs.writeFileSync(path.join(process.env.AB_SAVE_DIR, `${side.label}-${views.indexOf(view)}.html`), html);
        wrk(side, side.server.baseURL + view.path, 3); // warm-up: the JIT, the caches
      }
    }

    const runs = new Map<string, Run[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const view of views) {
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          const run = wrk(side, side.server!.baseURL + view.path, SECONDS);
          const key = `${view.name}|${side.label}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
          console.log(`round ${round + 1} ${side.label} ${view.name.padEnd(30)} ${run.rps.toFixed(1).padStart(7)} req/s  p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms  server CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request`);
        }
      }
    }

    const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
    for (const side of sides) console.log(`${side.label}: peak RSS of its largest process ${peakRssMb(side.server!).toFixed(0)} MB${Object.keys(side.env).length ? `, env ${JSON.stringify(side.env)}` : ''}`);
    console.log(`\nA = ${dirA}\nB = ${dirB}\n${os.cpus().length} × ${cpu}, Node ${process.version}, ${ACCOUNTS.toLocaleString('en')} accounts, wrk -t1 -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s, medians\n`);
    console.log('| view | A req/s | B req/s | B/A | A p50 / p99 ms | B p50 / p99 ms | server CPU ms/request A → B |\n|---|---:|---:|---:|---:|---:|---|');
    for (const view of views) {
      const [a, b] = (['A', 'B'] as const).map((label) => runs.get(`${view.name}|${label}`)!);
      const m = (list: Run[], field: keyof Run) => median(list.map((run) => run[field]));
      console.log(
        `| ${view.name} | ${m(a!, 'rps').toFixed(1)} | ${m(b!, 'rps').toFixed(1)} | ${(m(b!, 'rps') / m(a!, 'rps')).toFixed(3)} | ` +
          `${m(a!, 'p50').toFixed(1)} / ${m(a!, 'p99').toFixed(1)} | ${m(b!, 'p50').toFixed(1)} / ${m(b!, 'p99').toFixed(1)} | ` +
          `${m(a!, 'cpuMsPerRequest').toFixed(2)} → ${m(b!, 'cpuMsPerRequest').toFixed(2)} |`,
      );
    }
  } finally {
    for (const side of sides) await side.server?.stop();
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
