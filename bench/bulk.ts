// The bulk-action benchmark (issue 23 point 10): a bulk change of 10,000 accounts in a domain of 100,000,
// through the bulk core (lib/accounts/bulk: chunked transactions, set-wise writes, audit rows and mail
// jobs) on real Postgres, while the account list is read alongside; it reports the bulk's time and the
// list's latency before and during it. `npm run bench` runs it after the others; `npx tsx bench/bulk.ts`
// runs it alone.
//
//   BENCH_DATABASE_URL   a Postgres server to create (and afterwards drop) a scratch database on
//   BENCH_BULK_DOMAIN    accounts in the domain (default 100000)
//   BENCH_BULK_ROWS      accounts changed (default 10000)
//   BENCH_BULK_CHUNK     accounts per transaction (default lib/accounts/bulk's BULK_CHUNK)
//
// It exits non-zero when the bulk took longer than BULK_MAX_SECONDS, queued the wrong number of jobs,
// or the list's p95 during it missed issue 4's P95_TARGET_MS. The list is read in this process
// (listAccounts, no HTTP or React): what the database work costs while the bulk holds its locks.
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { sql } from 'drizzle-orm';
import { setDatabaseHandle } from '@/db';
import type { AccountSort } from '@/db/queries/accounts';
import { runMigrations } from '@/db/migrate';
import { BULK_CHUNK, bulkAccounts } from '@/lib/accounts/bulk/bulk-accounts';
import { listAccounts } from '@/lib/accounts/list-accounts';
import type { Caller } from '@/lib/auth/caller';
import type { PageQuery } from '@/lib/pagination';
import { writeResultFile } from './result-file';
import { scratchDatabase } from './scratch-database';
import { seed } from './seed';
import { P95_TARGET_MS } from './targets';

const DOMAIN_SIZE = Number(process.env.BENCH_BULK_DOMAIN ?? 100_000);
const ROWS = Number(process.env.BENCH_BULK_ROWS ?? 10_000);
/** Accounts per transaction (default: the panel's BULK_CHUNK). */
const CHUNK = process.env.BENCH_BULK_CHUNK ? Number(process.env.BENCH_BULK_CHUNK) : undefined;
export const BULK_MAX_SECONDS = 30;

type Timing = { n: number; p50: number; p95: number; max: number };

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}

export type BulkBenchResult = {
  domain: number;
  rows: number;
  action: string;
  seconds: number;
  chunks: number;
  chunkSize: number;
  jobsQueued: number;
  auditRows: number;
  listBefore: Timing;
  listDuring: Timing;
  ok: boolean;
  load: { before: string; after: string };
};

/** `track`: hands over the scratch database's removal for an interrupted run, and returns how to take it back. */
export async function runBulkBench(
  log: (line: string) => void = console.log,
  track: (cleanup: () => Promise<void>) => () => void = () => () => {},
): Promise<BulkBenchResult> {
  const name = `mp_bench_bulk_${randomBytes(6).toString('hex')}`;
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  log(`\n== Bulk deactivation of ${ROWS.toLocaleString('en')} of ${DOMAIN_SIZE.toLocaleString('en')} accounts (database ${name}); load average ${loadBefore} ==`);
  const { url, handle, close } = await scratchDatabase(name, { max: 6, log, track });
  try {
    await runMigrations(handle);
    const seeded = await seed(url, DOMAIN_SIZE, await bcrypt.hash('bench-bulk-password', 10), log);
    setDatabaseHandle(handle);
    const db = handle.db;
    const caller: Caller = { kind: 'admin', role: 'admin', id: seeded.adminId, label: 'bench', language: 'en', timeZone: 'UTC', sessionVersion: 1 };
    // Every ninth active account: spread over the whole id range, as a search's matches would be.
    const picked = (await db.execute(
      sql`select id from (select id, row_number() over (order by id) as n from mailboxes where domain_id = ${seeded.domainId} and not is_postmaster and active) s
          where n % 9 = 0 order by id limit ${ROWS}`,
    )) as unknown as { rows: { id: number }[] };
    const ids = picked.rows.map((r) => Number(r.id));
    if (ids.length !== ROWS) throw new Error(`Only ${ids.length} accounts to change`);
    const [{ jobs: jobsBefore, audit: auditBefore }] = ((await db.execute(sql`select (select count(*) from mail_jobs)::int as jobs, (select count(*) from audit_log)::int as audit`)) as unknown as {
      rows: { jobs: number; audit: number }[];
    }).rows as [{ jobs: number; audit: number }];

    const pages = Math.ceil(seeded.accounts / 25);
    const q = (over: Partial<PageQuery<AccountSort>>): PageQuery<AccountSort> => ({ page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc', ...over });
    const views = [q({}), q({ page: Math.floor(pages * 0.75) }), q({ q: seeded.searchName }), q({ sort: 'status' }), q({ sort: 'storage', dir: 'desc' })];
    const readList = async (times: number[], i: number) => {
      const started = performance.now();
      await listAccounts({ caller, query: views[i % views.length]!, domainId: seeded.domainId });
      times.push(performance.now() - started);
    };

    const before: number[] = [];
    for (let i = 0; i < 100; i++) await readList(before, i);
    const listBefore = timing(before);
    log(`  list alone: ${listBefore.n} reads, p50 ${listBefore.p50.toFixed(1)} ms, p95 ${listBefore.p95.toFixed(1)} ms`);

    // Two readers at a time while the bulk runs, as two people paging the list meanwhile.
    const during: number[] = [];
    let running = true;
    const reader = async (offset: number) => {
      for (let i = offset; running; i += 2) await readList(during, i);
    };
    const readers = [reader(0), reader(1)];
    let chunks = 0;
    const t0 = performance.now();
    const result = await bulkAccounts({
      caller,
      ip: null,
      domainId: seeded.domainId,
      input: { action: 'deactivate', ids },
      chunkSize: CHUNK,
      onProgress: (done, total) => {
        if (done > 0) chunks += 1;
        log(`    ${done} of ${total} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await Promise.all(readers);
    if (!result.ok) throw new Error(`The bulk was refused: ${JSON.stringify(result)}`);
    const listDuring = timing(during);
    const [{ jobs, audit }] = ((await db.execute(sql`select (select count(*) from mail_jobs)::int as jobs, (select count(*) from audit_log)::int as audit`)) as unknown as {
      rows: { jobs: number; audit: number }[];
    }).rows as [{ jobs: number; audit: number }];
    const jobsQueued = jobs - jobsBefore;
    const auditRows = audit - auditBefore;
    const ok = result.data.changed === ROWS && jobsQueued === ROWS && auditRows === ROWS + 1 && seconds <= BULK_MAX_SECONDS && listDuring.p95 <= P95_TARGET_MS;
    log(
      `  bulk: ${result.data.changed} accounts deactivated in ${seconds.toFixed(2)} s (${chunks} transactions), ${jobsQueued} kick jobs queued, ${auditRows} audit rows; ` +
        `list meanwhile: ${listDuring.n} reads, p50 ${listDuring.p50.toFixed(1)} ms, p95 ${listDuring.p95.toFixed(1)} ms, max ${listDuring.max.toFixed(1)} ms; ` +
        `${ok ? 'met' : 'MISSED'} (≤ ${BULK_MAX_SECONDS} s, list p95 ≤ ${P95_TARGET_MS} ms)`,
    );
    return {
      domain: seeded.accounts,
      rows: ROWS,
      action: 'deactivate',
      seconds,
      chunks,
      chunkSize: CHUNK ?? BULK_CHUNK,
      jobsQueued,
      auditRows,
      listBefore,
      listDuring,
      ok,
      load: { before: loadBefore, after: os.loadavg().map((l) => l.toFixed(2)).join(' ') },
    };
  } finally {
    await close();
  }
}

if (require.main === module) {
  runBulkBench()
    .then((result) => {
      console.log(`Written to ${path.relative(process.cwd(), writeResultFile('bulk', result))}`);
      if (!result.ok) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
