// The CSV import benchmark: 10,000 accounts imported into one domain through the import's own core
// (lib/accounts/import: streamed reading, the wizard's checks, bcrypt on libuv's thread pool, one
// transaction) on real Postgres, reporting accounts per second and peak memory. `npm run bench` runs it
// after the list benchmark; `npx tsx bench/import.ts` runs it alone. See bench/RESULTS.md.
//
//   BENCH_DATABASE_URL   a Postgres server to create (and afterwards drop) a scratch database on
//   BENCH_IMPORT_ROWS    accounts in the file (default 10000)
//   BCRYPT_COST          as for the panel (default 12, production's); the figures scale with it
//   UV_THREADPOOL_SIZE   libuv's pool (default 4); the import hashes min(cores, pool − 1) at a time
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { setDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { admins, domains, mailboxes, plans } from '@/db/schema';
import { createLimiter, hashConcurrency, hashPasswords, threadPoolSize } from '@/lib/accounts/import/hash-passwords';
import { importAccounts, type ImportProgress } from '@/lib/accounts/import/import-accounts';
import { previewImport } from '@/lib/accounts/import/preview-import';
import type { Caller } from '@/lib/auth/caller';
import { generatePassword } from '@/lib/auth/password';
import { writeResultFile } from './result-file';
import { scratchDatabase } from './scratch-database';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const COST = Number(process.env.BCRYPT_COST ?? 12);
const GB = 1024 ** 3;

const FIRST = ['Mario', 'Anna', 'Luca', 'Giulia', 'Marco', 'Sara', 'John', 'Mary', 'Lukas', 'Sofia', 'Hugo', 'Alice', 'Pablo', 'Lucia', 'Ivan', 'Olga'];
const LAST = ['Rossi', 'Russo', 'Ferrari', 'Bianchi', 'Smith', 'Jones', 'Muller', 'Schmidt', 'Dubois', 'Lopez', 'Novak', 'Jensen', 'Ivanov', 'Yilmaz'];

/**
 * The file, produced as it is read (64 KB chunks): every field the wizard has, a password typed in half
 * the rows and left to be generated in the other half, some forwards and allowed IPs.
 */
async function* csvFile(rows: number): AsyncGenerator<Buffer> {
  let chunk = 'local_part,first_name,last_name,description,password,storage,services,force_password_change,password_expiry_months,' +
    'block_password_reuse,password_change_disabled,password_recovery_disabled,otp_required,allowed_ips,api_access,forwards,forward_keep_copy,spam_to_inbox\r\n';
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const local = `${first}.${last}.${i}`.toLowerCase();
    const password = i % 2 === 0 ? `bench passphrase ${i} ${first}` : '';
    const storage = i % 10 === 0 ? '5 GB' : '1 GB';
    const ips = i % 25 === 0 ? '192.0.2.0/24 2001:db8::/48' : '';
    const forwards = i % 20 === 0 ? `${local}@example.org` : '';
    chunk += `${local},${first},${last},,${password},${storage},imap smtp webmail,yes,${i % 3 === 0 ? 6 : 0},no,no,no,${i % 9 === 0 ? 'yes' : 'no'},${ips},no,${forwards},yes,no\r\n`;
    if (chunk.length >= 64 * 1024) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

/** Samples this process's memory every 50 ms; the peaks since start(). */
function memorySampler() {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
    },
  };
}


/** Hashes per second at each concurrency: how far bcrypt on libuv's pool scales on this machine. */
async function hashScaling(log: (line: string) => void): Promise<{ concurrency: number; perSecond: number }[]> {
  const levels = [...new Set([1, 2, hashConcurrency(), 4])].sort((a, b) => a - b);
  // About ten seconds of hashing per level at one core, whatever the cost.
  const started = performance.now();
  await hashPasswords([generatePassword()], { limiter: createLimiter(1) });
  const one = performance.now() - started;
  const count = Math.max(8, Math.min(400, Math.round(10_000 / one)));
  const out: { concurrency: number; perSecond: number }[] = [];
  for (const concurrency of levels) {
    const passwords = Array.from({ length: count }, () => generatePassword());
    const t0 = performance.now();
    await hashPasswords(passwords, { limiter: createLimiter(concurrency) });
    const perSecond = count / ((performance.now() - t0) / 1000);
    out.push({ concurrency, perSecond });
    log(`  bcrypt cost ${COST}, ${concurrency} at a time: ${perSecond.toFixed(1)} hashes/s (${count} hashes; load ${os.loadavg()[0]!.toFixed(2)})`);
  }
  return out;
}

export type ImportBenchResult = {
  rows: number;
  bcryptCost: number;
  threadPool: number;
  hashConcurrency: number;
  hashScaling: { concurrency: number; perSecond: number }[];
  preview: { seconds: number; rowsPerSecond: number; rssMb: number };
  import: { seconds: number; accountsPerSecond: number; hashSeconds: number; writeSeconds: number; peakRssMb: number; peakHeapMb: number; baselineRssMb: number };
  load: { before: string; after: string };
};

/** `track`: hands over the scratch database's removal for an interrupted run, and returns how to take it back. */
export async function runImportBench(
  log: (line: string) => void = console.log,
  track: (cleanup: () => Promise<void>) => () => void = () => () => {},
): Promise<ImportBenchResult> {
  const name = `mp_bench_import_${randomBytes(6).toString('hex')}`;
  log(`\n== CSV import of ${ROWS.toLocaleString('en')} accounts (database ${name}; bcrypt cost ${COST}) ==`);
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  log(`  ${os.availableParallelism()} cores, libuv pool ${threadPoolSize()}: the import hashes ${hashConcurrency()} at a time; load average ${loadBefore}`);
  const { handle, close } = await scratchDatabase(name, { max: 4, log, track });
  setDatabaseHandle(handle);
  try {
    await runMigrations(handle);
    const db = handle.db;
    const [admin] = await db.insert(admins).values({ email: 'bench-import@example.net', role: 'admin', passwordHash: '$2b$04$benchbenchbenchbenchbeuKq9yYwqOSkZ1bXbRzC2C6m3uN4iQ2' }).returning();
    const [plan] = await db
      .insert(plans)
      .values({ name: 'Bench import', storageOptionsBytes: [GB, 5 * GB], domainStorageBytes: 1024 * 1024 * GB, maxAccounts: ROWS + 100, defaultDailySendLimit: 500, maxDailySendLimit: 2_000 })
      .returning();
    const [domain] = await db.insert(domains).values({ name: 'import-bench.example', adminId: admin!.id, planId: plan!.id }).returning();
    await db.insert(mailboxes).values({
      domainId: domain!.id,
      localPart: 'postmaster',
      address: 'postmaster@import-bench.example',
      isPostmaster: true,
      passwordHash: admin!.passwordHash,
      quotaBytes: 50 * 1024 * 1024,
      dailySendLimit: 500,
    });
    const caller: Caller = { kind: 'admin', role: 'admin', id: admin!.id, label: admin!.email, language: 'en', timeZone: 'UTC', sessionVersion: 1 };

    const scaling = await hashScaling(log);

    // The preview alone: read and check every row, hash nothing, write nothing.
    const previewMemory = memorySampler();
    const p0 = performance.now();
    const preview = await previewImport({ caller, domainId: domain!.id, input: csvFile(ROWS) });
    const previewSeconds = (performance.now() - p0) / 1000;
    const previewPeak = previewMemory.stop();
    if (preview.issueCount > 0) throw new Error(`The bench file has problems: ${JSON.stringify(preview.issues.slice(0, 5))}`);
    log(`  check (preview): ${ROWS} rows in ${previewSeconds.toFixed(2)} s, ${(ROWS / previewSeconds).toFixed(0)} rows/s, peak RSS ${previewPeak.rssMb.toFixed(0)} MB`);

    global.gc?.();
    const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
    const memory = memorySampler();
    let writingAt = 0;
    let lastLogged = 0;
    const t0 = performance.now();
    const outcome = await importAccounts({
      caller,
      ip: null,
      domainId: domain!.id,
      input: csvFile(ROWS),
      onProgress: (progress: ImportProgress) => {
        if (progress.phase === 'writing') writingAt = performance.now();
        else if (performance.now() - lastLogged > 30_000) {
          lastLogged = performance.now();
          log(`    hashing: ${progress.done} of ${progress.total} after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const peak = memory.stop();
    if (!outcome.ok) throw new Error(`The import was refused: ${JSON.stringify(outcome.issues.slice(0, 5))}`);
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(mailboxes).where(eq(mailboxes.domainId, domain!.id));
    if (row?.n !== ROWS + 1) throw new Error(`Expected ${ROWS + 1} mailboxes, found ${row?.n}`);
    const writeSeconds = (performance.now() - t0) / 1000 - (writingAt - t0) / 1000;
    const hashSeconds = (writingAt - t0) / 1000 - previewSeconds;
    const result: ImportBenchResult = {
      rows: ROWS,
      bcryptCost: COST,
      threadPool: threadPoolSize(),
      hashConcurrency: hashConcurrency(),
      hashScaling: scaling,
      preview: { seconds: previewSeconds, rowsPerSecond: ROWS / previewSeconds, rssMb: previewPeak.rssMb },
      import: {
        seconds,
        accountsPerSecond: ROWS / seconds,
        hashSeconds,
        writeSeconds,
        peakRssMb: peak.rssMb,
        peakHeapMb: peak.heapMb,
        baselineRssMb,
      },
      load: { before: loadBefore, after: os.loadavg().map((l) => l.toFixed(2)).join(' ') },
    };
    log(
      `  import: ${ROWS} accounts in ${seconds.toFixed(1)} s = ${result.import.accountsPerSecond.toFixed(1)} accounts/s ` +
        `(reading and checking ≈ ${previewSeconds.toFixed(1)} s, hashing ≈ ${hashSeconds.toFixed(1)} s, one transaction ${writeSeconds.toFixed(1)} s); ` +
        `peak RSS ${peak.rssMb.toFixed(0)} MB (${baselineRssMb.toFixed(0)} MB before), peak heap ${peak.heapMb.toFixed(0)} MB; load average ${result.load.after}`,
    );
    return result;
  } finally {
    await close();
  }
}

if (require.main === module) {
  runImportBench()
    .then((result) => console.log(`Written to ${path.relative(process.cwd(), writeResultFile('import', result))}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
