// How long seeding takes, alone (issue 21, point 4: 1,000,000 accounts within 3 minutes), without the
// HTTP benchmarks: a scratch database migrated and seeded by bench/seed.ts, then dropped.
//
//   npx tsx bench/seed-time.ts            (BENCH_SIZES: accounts, default 1000000; BENCH_DATABASE_URL)
import '@/scripts/outside-next'; // first: see scripts/outside-next.ts
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import bcrypt from 'bcrypt';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { ADMIN_URL, withAdmin } from './admin-db';
import { seed } from './seed';
import { MILLION, SEED_1M_MAX_SECONDS } from './targets';

const SIZE = Number((process.env.BENCH_SIZES ?? String(MILLION)).split(',')[0]);

async function main() {
  const name = `mp_bench_seed_${randomBytes(5).toString('hex')}`;
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await withAdmin((c) => c.query(`create database "${name}"`));
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const started = performance.now();
    const handle = openPostgres(url.toString(), { max: 2 });
    try {
      await runMigrations(handle);
    } finally {
      await handle.close();
    }
    const seeded = await seed(url.toString(), SIZE, await bcrypt.hash('bench-password-0123456789', 10), console.log);
    const seconds = (performance.now() - started) / 1000;
    const size = await withAdmin(async (c) => (await c.query<{ size: string }>(`select pg_size_pretty(pg_database_size($1)) as size`, [name])).rows[0]!.size);
    console.log(`Seeded ${seeded.accounts.toLocaleString('en')} accounts (with migrations) in ${seconds.toFixed(1)} s; database ${size}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (SIZE >= MILLION && seconds > SEED_1M_MAX_SECONDS) {
      console.log(`MISSED: more than ${SEED_1M_MAX_SECONDS} s`);
      process.exitCode = 1;
    }
  } finally {
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
