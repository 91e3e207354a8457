import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { setDatabaseHandle, type Database } from '@/db';
import { EmbeddedDatabaseBusyError } from '@/db/embedded-lock';
import { runMigrations } from '@/db/migrate';
import { openEmbedded, openPostgres, type DatabaseHandle } from '@/db/open';
import { recordHeartbeat } from '@/db/queries/health';
import { parsePrincipal } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import { hashPassword } from '@/lib/auth/password';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { queueMailJobs, kickJob } from '@/lib/jobs/enqueue';
import { backupEmbedded, backupKindOf, backupPostgres, restoreEmbedded, restorePostgres } from '@/lib/ops/backup';
import { testDriver } from './helpers/db';
import { createFixture, insertAdmin, insertMailbox } from './helpers/fixtures';

// npm run backup / restore: seed, back up, restore into a new database; every row (the `mail` schema's read
// model included), every sequence, and the panel signs its admin in on the copy.

const PASSWORD = 'Backed up and restored, 42 owls';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Rows<T> = { rows: T[] };

/** Every row of every table and view in the panel's schemas, and every sequence's position. */
async function snapshot(db: Database): Promise<{ relations: Record<string, unknown[]>; sequences: unknown[] }> {
  const relations = (await db.execute(
    sql`select table_schema as s, table_name as t from information_schema.tables
         where table_schema in ('public', 'mail', 'drizzle') order by 1, 2`,
  )) as unknown as Rows<{ s: string; t: string }>;
  const out: Record<string, unknown[]> = {};
  for (const { s, t } of relations.rows) {
    const rows = (await db.execute(
      sql`select coalesce(json_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]'::json) as rows from ${sql.identifier(s)}.${sql.identifier(t)} x`,
    )) as unknown as Rows<{ rows: unknown[] | string }>;
    const value = rows.rows[0]!.rows;
    out[`${s}.${t}`] = typeof value === 'string' ? JSON.parse(value) : value;
  }
  const sequences = (await db.execute(
    sql`select schemaname, sequencename, last_value::text as last_value from pg_sequences order by 1, 2`,
  )) as unknown as Rows<unknown>;
  return { relations: out, sequences: sequences.rows };
}

/** Domains, accounts, an admin with a known password, a queued job, a heartbeat: something in most tables. */
async function seed(db: Database): Promise<string> {
  const f = await createFixture(db);
  await insertMailbox(db, f.domain, 'second');
  const email = `ops-${randomBytes(3).toString('hex')}@backup.example`;
  await insertAdmin(db, { email, role: 'superadmin', passwordHash: await hashPassword(PASSWORD) });
  await db.transaction((tx) => queueMailJobs(tx, [kickJob(f.mailbox)]));
  await recordHeartbeat({ ex: db, worker: 'backup-test' });
  return email;
}

/** The panel on the restored database: the admin's password signs in, and the caller loads. */
async function signsIn(handle: DatabaseHandle, email: string): Promise<void> {
  setDatabaseHandle(handle);
  try {
    const result = await signInWithPassword({ identifier: email, password: PASSWORD }, { ip: '198.51.100.7' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const caller = await loadCaller(parsePrincipal(result.principal)!, result.sessionVersion);
    expect(caller?.kind === 'admin' && caller.role).toBe('superadmin');
  } finally {
    setDatabaseHandle(undefined);
  }
}

describe.runIf(testDriver() === 'postgres')('backup and restore on PostgreSQL', () => {
  const server = process.env.TEST_DATABASE_URL!;
  const made: string[] = [];
  const admin = async <T,>(fn: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const newDatabase = async () => {
    const name = `mp_bk_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`create database ${name}`));
    made.push(name);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return url.toString();
  };
  afterAll(async () => {
    for (const name of made) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it('round-trips every row, sequence and the mail read model, and the admin signs in on the copy', async () => {
    const sourceUrl = await newDatabase();
    const source = openPostgres(sourceUrl, { max: 2 });
    const file = path.join(tmp, 'panel.pgdump');
    let before;
    let email;
    try {
      await runMigrations(source);
      email = await seed(source.db);
      before = await snapshot(source.db);
      await backupPostgres({ url: sourceUrl, file });
    } finally {
      await source.close();
    }
    expect(backupKindOf(file)).toBe('postgres');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(before.relations['mail.userdb']!.length).toBeGreaterThan(0);

    const targetUrl = await newDatabase();
    await restorePostgres({ url: targetUrl, file });
    const target = openPostgres(targetUrl, { max: 2 });
    try {
      expect(await snapshot(target.db)).toEqual(before);
      // The restored database is current: migrating again changes nothing.
      await runMigrations(target);
      expect(await snapshot(target.db)).toEqual(before);
      await signsIn(target, email);
    } finally {
      await target.close();
    }

    // Never over a database that has anything in it, and never over an existing file.
    await expect(restorePostgres({ url: targetUrl, file })).rejects.toThrow(/not empty/);
    await expect(backupPostgres({ url: targetUrl, file })).rejects.toThrow(/EEXIST/);
  });
});

describe.runIf(testDriver() === 'embedded')('backup and restore of the embedded database', () => {
  it('refuses while the database is open, round-trips every row, sequence and the mail read model, and the admin signs in on the copy', async () => {
    const sourceDir = path.join(tmp, 'source');
    fs.mkdirSync(sourceDir);
    const file = path.join(tmp, 'panel.tar.gz');
    const source = openEmbedded(sourceDir);
    let before;
    let email;
    try {
      await runMigrations(source);
      email = await seed(source.db);
      before = await snapshot(source.db);
    } finally {
      await source.close();
    }
    // A server (another live process) has it open: no copy of files being written.
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(sourceDir, 'embedded-db.lock'), String(server.pid));
      await expect(backupEmbedded({ dataDir: sourceDir, file })).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      server.kill();
      fs.rmSync(path.join(sourceDir, 'embedded-db.lock'), { force: true });
    }
    await backupEmbedded({ dataDir: sourceDir, file });
    expect(backupKindOf(file)).toBe('embedded');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(before.relations['mail.userdb']!.length).toBeGreaterThan(0);

    const targetDir = path.join(tmp, 'target');
    await restoreEmbedded({ dataDir: targetDir, file });
    await expect(restoreEmbedded({ dataDir: targetDir, file })).rejects.toThrow(/exists/);
    const target = openEmbedded(targetDir);
    try {
      expect(await snapshot(target.db)).toEqual(before);
      await signsIn(target, email);
    } finally {
      await target.close();
    }
  }, 480_000);
});
