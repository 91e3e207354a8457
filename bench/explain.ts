// `npx tsx bench/explain.ts`: what each account-list view costs Postgres at 100,000 accounts, measured in
// ways a loaded machine disturbs little: every statement the view runs (captured from drizzle's logger) is
// run again under EXPLAIN (ANALYZE, BUFFERS), median execution time of several, with the pages it touched
// (load does not change those); the plan's nodes that read a table sequentially are named; and the CPU time
// this database's backends spent per call of listAccounts.
//
//   BENCH_EXPLAIN_DB    keep the seeded database under this name and reuse it on the next run (default: a
//                       scratch database, dropped at the end)
//   BENCH_SIZES         accounts (the first size only; default 100000)
//   BENCH_EXPLAIN_ONLY  only the views whose name contains this text
//   BENCH_EXPLAIN_VERBOSE=1  each statement's time and text too
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import os from 'node:os';
import bcrypt from 'bcrypt';
import type { AccountFilters, AccountSort } from '@/db/queries/accounts';
import { listAccounts } from '@/lib/accounts/list-accounts';
import type { Caller } from '@/lib/auth/caller';
import type { PageQuery } from '@/lib/pagination';
import { measureView, withExplainSession } from './explain-kit';
import { BENCH_DOMAIN, BENCH_PASSWORD, seed } from './seed';

const SIZE = Number((process.env.BENCH_SIZES ?? '100000').split(',')[0]);
const ONLY = process.env.BENCH_EXPLAIN_ONLY;
const PAGE_SIZE = 25;
const log = (line: string) => console.log(line);

type View = { name: string; query: Partial<PageQuery<AccountSort>>; filters?: AccountFilters };

/** The list's views: issue 4's, each sort, the filters of issue 23 (first and deep pages) and short searches. */
function views(deep: number): View[] {
  const filterViews: [string, AccountFilters][] = [
    ['status Offline', { status: 'offline' }],
    ['status Online', { status: 'online' }],
    ['over 90% of storage', { full: true }],
    ['never signed in', { neverSignedIn: true }],
    ['not signed in for 30 days', { idleDays: 30 }],
    ['two-step on', { otp: true }],
    ['two-step off', { otp: false }],
    ['forwarding on', { forwarding: true }],
    ['IMAP off', { service: { name: 'imap', on: false } }],
    ['IMAP on', { service: { name: 'imap', on: true } }],
    ['DAV on', { service: { name: 'dav', on: true } }],
  ];
  return [
    { name: 'first page', query: {} },
    { name: `deep page ${deep}`, query: { page: deep } },
    ...(['status', 'storage', 'lastAccess', 'sent'] as const).map((sort) => ({ name: `sort by ${sort}, desc`, query: { sort, dir: 'desc' as const } })),
    { name: `sort by storage, deep page ${deep}`, query: { sort: 'storage', dir: 'desc', page: deep } },
    { name: 'search a name ("Moretti")', query: { q: 'Moretti' } },
    { name: 'search an address ("anna.rossi.1")', query: { q: 'anna.rossi.1' } },
    { name: 'search 2 letters ("ma")', query: { q: 'ma' } },
    { name: 'search 1 letter ("m")', query: { q: 'm' } },
    { name: 'search 2 letters ("ma"), page 40', query: { q: 'ma', page: 40 } },
    { name: 'search 2 letters ("zo"), by storage', query: { q: 'zo', sort: 'storage', dir: 'desc' } },
    ...filterViews.flatMap(([name, filters]): View[] => [
      { name: `filter: ${name}`, query: {}, filters },
      { name: `filter: ${name}, page 300`, query: { page: 300 }, filters },
      { name: `filter: ${name}, by storage`, query: { sort: 'storage', dir: 'desc' }, filters },
    ]),
    { name: `filter: two-step off, page ${Math.floor(deep * 0.85)}`, query: { page: Math.floor(deep * 0.85) }, filters: { otp: false } },
    { name: 'filter: Online + two-step off, by storage', query: { sort: 'storage', dir: 'desc' }, filters: { status: 'online', otp: false } },
    { name: 'filter: over 90% + search ("Moretti")', query: { q: 'Moretti' }, filters: { full: true } },
    { name: 'filter: two-step off + search ("ma")', query: { q: 'ma' }, filters: { otp: false } },
  ];
}

async function main() {
  await withExplainSession(async (url) => void (await seed(url, SIZE, await bcrypt.hash(BENCH_PASSWORD, 4), log)), async (session) => {
    const { admin } = session;
    // As autovacuum leaves it: statistics, and the visibility map the index-only scans rely on (the list's own
    // sent-window updates dirty it between runs).
    await admin.query('vacuum analyze mailboxes');
    const ids = (await admin.query(`select d.id as domain, d.admin_id as admin, c.accounts from domains d join mailbox_counts c on c.domain_id = d.id where d.name = $1`, [BENCH_DOMAIN])).rows[0] as {
      domain: number;
      admin: number;
      accounts: number;
    };
    const caller: Caller = { kind: 'admin', role: 'admin', id: ids.admin, label: 'bench', language: 'en', timeZone: 'UTC', sessionVersion: 1 };
    const deep = Math.max(1, Math.floor(Math.ceil(ids.accounts / PAGE_SIZE) * 0.75));

    log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}; ${ids.accounts.toLocaleString('en')} accounts; database ${session.database}`);
    log('| view | matches | statements | Postgres ms (EXPLAIN ANALYZE, median of 5) | buffers (8 kB pages) | Postgres CPU ms / call | seq scans | load |');
    log('|---|---:|---:|---:|---:|---:|---|---:|');
    for (const view of views(deep)) {
      if (ONLY && !view.name.includes(ONLY)) continue;
      const query: PageQuery<AccountSort> = { page: 1, pageSize: PAGE_SIZE, q: '', sort: 'address', dir: 'asc', ...view.query };
      const call = () => listAccounts({ caller, query, filters: view.filters ?? {}, domainId: ids.domain });
      // The first statement (the domains and the sent window) is the same for every view.
      const { result: list, statements, total, buffers, scans, pgCpu } = await measureView(session, call);
      const shown = list.totalCapped ? `> ${list.total.toLocaleString('en')}` : list.total.toLocaleString('en');
      log(
        `| ${view.name} | ${shown} | ${statements} | ${total.toFixed(2)} | ${buffers} | ${pgCpu.toFixed(1)} | ${scans.join(', ') || '–'} | ${os.loadavg()[0]!.toFixed(1)} |`,
      );
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
