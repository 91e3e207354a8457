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
import os from 'node:os';
import bcrypt from 'bcrypt';
import type { AliasSort } from '@/db/queries/aliases';
import { listAliases } from '@/lib/aliases/list-aliases';
import type { Caller } from '@/lib/auth/caller';
import type { PageQuery } from '@/lib/pagination';
import { measureView, withExplainSession } from './explain-kit';
import { BENCH_DOMAIN, BENCH_PASSWORD, seed, seedAliases } from './seed';

const SIZE = Number((process.env.BENCH_SIZES ?? '100000').split(',')[0]);
const ALIASES = process.env.BENCH_ALIASES === undefined ? SIZE : Number(process.env.BENCH_ALIASES);
const PAGE_SIZE = 25;
const log = (line: string) => console.log(line);

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
  const seedInto = async (url: string) => {
    const seeded = await seed(url, SIZE, await bcrypt.hash(BENCH_PASSWORD, 4), log);
    await seedAliases(url, seeded.domainId, ALIASES, log);
  };
  await withExplainSession(seedInto, async (session) => {
    const { admin } = session;
    await admin.query('vacuum analyze aliases, alias_targets');
    const ids = (await admin.query(`select d.id as domain, d.admin_id as admin, (select count(*)::int from aliases a where a.domain_id = d.id) as aliases from domains d where d.name = $1`, [BENCH_DOMAIN]))
      .rows[0] as { domain: number; admin: number; aliases: number };
    const caller: Caller = { kind: 'admin', role: 'admin', id: ids.admin, label: 'bench', language: 'en', timeZone: 'UTC', sessionVersion: 1 };
    const deep = Math.max(1, Math.floor(Math.ceil(ids.aliases / PAGE_SIZE) * 0.75));

    log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${ids.aliases.toLocaleString('en')} aliases in one domain; database ${session.database}`);
    log('| view | total | statements | Postgres ms (EXPLAIN ANALYZE, median of 5) | buffers (8 kB pages) | Postgres CPU ms / call | call ms (median, in-process) | seq scans | load |');
    log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
    for (const view of views(deep)) {
      const query: PageQuery<AliasSort> = { page: 1, pageSize: PAGE_SIZE, q: '', sort: 'address', dir: 'asc', ...view.query };
      const call = () => listAliases({ caller, query, domainId: ids.domain });
      const { result: list, statements, total, buffers, scans, pgCpu, callMs } = await measureView(session, call);
      log(
        `| ${view.name} | ${list.total.toLocaleString('en')} | ${statements} | ${total.toFixed(2)} | ${buffers} | ${pgCpu.toFixed(1)} | ${callMs.toFixed(2)} | ${scans.join(', ') || '–'} | ${os.loadavg()[0]!.toFixed(1)} |`,
      );
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
