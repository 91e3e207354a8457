import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { openEmbedded, openPostgres } from '@/db/open';
import journal from '@/db/migrations/meta/_journal.json';
import { plans } from '@/db/schema';
import { testDriver } from './helpers/db';


describe('migrations', () => {
  it('are idempotent on the embedded database', async () => {
    const handle = openEmbedded();
    try {
      await runMigrations(handle);
      await runMigrations(handle);
      const seeded = await handle.db.select({ name: plans.name }).from(plans);
      expect(seeded.map((p) => p.name).sort()).toEqual(['Business', 'Enterprise', 'Starter']);
    } finally {
      await handle.close();
    }
  });

  it.runIf(testDriver() === 'postgres')('run once when several app servers start at the same time', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `mp_mig_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const servers = [1, 2, 3].map(() => openPostgres(url.toString(), { max: 2 }));
    try {
      await Promise.all(servers.map((handle) => runMigrations(handle)));
      const applied = (await servers[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as {
        rows: { n: number }[];
      };
      expect(applied.rows[0]?.n).toBe(journal.entries.length);
      expect(await servers[0]!.db.select({ name: plans.name }).from(plans)).toHaveLength(3);
    } finally {
      await Promise.all(servers.map((handle) => handle.close()));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
