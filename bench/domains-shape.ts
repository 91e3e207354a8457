// Issue 21, point 4, the other shape: 10,000 domains of 100 accounts each. A scratch database is migrated
// and seeded by bench/seed-domains.ts (the seed time is printed), the production build in the current
// directory is started, and wrk measures, signed in as the bench admin (who owns every domain), the domain
// list (first page, a deep page, a search), the account list of the domain in the middle, and the search
// across all accounts: req/s, latency, the server's CPU per request and its peak RSS. A non-2xx answer fails
// the run; the database is dropped at the end, failed or not.
//
//   npx next build && npx tsx bench/domains-shape.ts
//
//   BENCH_DOMAINS       domains (default 10000)
//   BENCH_PER_DOMAIN    accounts per domain, the postmaster included (default 100)
//   BENCH_SECONDS       seconds per wrk run, after a 3 s warm-up of each view (default 10)
//   BENCH_DATABASE_URL  the Postgres server for the scratch database (as for `npm run bench`)
//
// wrk gives no 95th percentile: the table shows p50/p90/p99.
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { PAGE_SIZES } from '@/lib/pagination';
import { ADMIN_URL, withAdmin } from './admin-db';
import { BENCH_PASSWORD } from './seed';
import { seedDomains } from './seed-domains';
import { peakRssMb, startServer, type Server } from './server-process';
import { signIn } from './sign-in';
import { runWrk, type WrkRun } from './wrk';

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 10_000);
const PER_DOMAIN = Number(process.env.BENCH_PER_DOMAIN ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
// The domain list's page size when the URL names none.
const PAGE_SIZE = PAGE_SIZES[0];

async function main() {
  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    console.error(`No production build in ${process.cwd()}: run \`npx next build\` there first.`);
    process.exit(1);
  }
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is not installed (apt-get install wrk)');

  const name = `mp_bench_domains_${randomBytes(5).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-domains-'));
  let server: Server | undefined;
  // Ctrl-C drops the database too.
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  const cleanup = async () => {
    process.off('SIGINT', interrupted);
    await server?.stop();
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`dropped ${name}`);
  };
  process.on('SIGINT', interrupted);
  await withAdmin((c) => c.query(`create database "${name}"`));
  try {
    const started = performance.now();
    const handle = openPostgres(url.toString(), { max: 2 });
    await runMigrations(handle).finally(() => handle.close());
    const seeded = await seedDomains(url.toString(), {
      domains: DOMAINS,
      perDomain: PER_DOMAIN,
      passwordHash: await bcrypt.hash(BENCH_PASSWORD, 10),
      log: (line) => console.log(line),
    });
    const seedSeconds = (performance.now() - started) / 1000;
    console.log(`Seeded ${seeded.domains.toLocaleString('en')} domains × ${PER_DOMAIN} accounts (with migrations) in ${seedSeconds.toFixed(1)} s`);

    const deep = Math.max(1, Math.floor(Math.ceil(seeded.domains / PAGE_SIZE) * 0.75));
    const views = [
      { name: 'domain list, first page', path: '/domains' },
      { name: `domain list, deep page (${deep})`, path: `/domains?page=${deep}` },
      { name: `domain list, search "${seeded.domainSearch}"`, path: `/domains?q=${encodeURIComponent(seeded.domainSearch)}` },
      { name: `accounts of ${seeded.sampleDomainName}`, path: `/domains/${seeded.sampleDomainId}/accounts` },
      { name: 'all accounts, search "rossi"', path: '/accounts?q=rossi' },
    ];

    server = await startServer(url.toString(), dataDir);
    const cookie = await signIn(server.baseURL);
    const baseURL = server.baseURL;
    const results: { view: string; run: WrkRun }[] = [];
    for (const view of views) {
      // A page that is not the list (a redirect to sign-in, an error page) would measure something else.
      // Once more on a dropped connection: the server closes an idle keep-alive connection (after wrk's
      // previous view) just as fetch may reuse it.
      const get = () => fetch(baseURL + view.path, { headers: { cookie }, redirect: 'manual' });
      const page = await get().catch(get);
      const html = await page.text();
      if (page.status !== 200 || !html.includes('<table')) throw new Error(`${view.path}: HTTP ${page.status}, not the list`);
      const measure = (seconds: number) => runWrk({ server: server!, cookie, url: baseURL + view.path, seconds, connections: CONNECTIONS, label: 'the server' });
      measure(3); // warm-up: the JIT, the caches
      const run = measure(SECONDS);
      results.push({ view: view.name, run });
      console.log(`${view.name.padEnd(40)} ${run.rps.toFixed(1).padStart(7)} req/s  p50 ${run.p50.toFixed(1)} ms  p90 ${run.p90.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms  server CPU ${run.cpuMsPerRequest.toFixed(2)} ms/request`);
    }
    const rss = peakRssMb(server);

    const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
    console.log(
      `\n${os.cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ` +
        `${seeded.domains.toLocaleString('en')} domains × ${PER_DOMAIN} accounts (${seeded.accounts.toLocaleString('en')}), seeded in ${seedSeconds.toFixed(1)} s; ` +
        `wrk -t1 -c${CONNECTIONS}, ${SECONDS} s per view after 3 s of warm-up; server peak RSS (VmHWM of its largest process) ${rss.toFixed(0)} MB\n`,
    );
    console.log('| view | req/s | p50 ms | p90 ms | p99 ms | server CPU ms/request |\n|---|---:|---:|---:|---:|---:|');
    for (const { view, run } of results)
      console.log(`| ${view} | ${run.rps.toFixed(1)} | ${run.p50.toFixed(1)} | ${run.p90.toFixed(1)} | ${run.p99.toFixed(1)} | ${run.cpuMsPerRequest.toFixed(2)} |`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
