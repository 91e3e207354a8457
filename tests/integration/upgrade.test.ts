import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { setDatabaseHandle } from '@/db';
import journal from '@/db/migrations/meta/_journal.json';
import { migrationsFolder, runMigrations } from '@/db/migrate';
import { openEmbedded, openPostgres, type DatabaseHandle } from '@/db/open';
import { recordHeartbeat } from '@/db/queries/health';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { parsePrincipal } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import { hashPassword } from '@/lib/auth/password';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { checkReadiness } from '@/lib/health/readiness';
import { testDriver } from './helpers/db';
import { BCRYPT_HASH, GIB, POSTMASTER_QUOTA_BYTES } from './helpers/fixtures';

// An upgrade (docs/operations.md): a database last migrated by an older release, with data in it, migrated
// to the latest; the data is intact and the panel's reads and sign-in work on it.

/** The release being upgraded from: migrations up to and including this one (0006 to the latest are new). */
const FROM = '0005_api_tokens';
const PASSWORD = 'Upgraded without a scratch 7';

type Rows<T> = { rows: T[] };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-upgrade-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A migrations folder as an older release shipped it: the journal and SQL files up to FROM. */
function olderRelease(): string {
  const upTo = journal.entries.findIndex((entry) => entry.tag === FROM);
  expect(upTo).toBeGreaterThan(0);
  expect(upTo).toBeLessThan(journal.entries.length - 2);
  const entries = journal.entries.slice(0, upTo + 1);
  const folder = path.join(tmp, 'migrations');
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

async function openFresh(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (testDriver() === 'embedded') return { handle: openEmbedded(), drop: async () => {} };
  const server = process.env.TEST_DATABASE_URL!;
  const name = `mp_up_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { handle: openPostgres(url.toString(), { max: 2 }), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

it(`migrates a database filled under ${FROM} to the latest, keeping its data, and the panel works on it`, async () => {
  const { handle, drop } = await openFresh();
  try {
    const older = olderRelease();
    if (handle.kind === 'embedded') await migratePglite(handle.db as never, { migrationsFolder: older });
    else await migratePg(handle.db as never, { migrationsFolder: older });
    const db = handle.db;
    const tables = async () =>
      ((await db.execute(sql`select table_name as t from information_schema.tables where table_schema = 'public'`)) as unknown as Rows<{ t: string }>).rows.map((r) => r.t);
    expect(await tables()).not.toContain('worker_heartbeats');

    // Data as the older release wrote it: plain SQL naming only the columns that release had, so a later
    // migration adding a column cannot break the insert (the test's fixtures follow today's schema).
    const one = async <T,>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows[0]!;
    const owner = await one<{ id: number }>(sql`insert into admins (email, role, password_hash) values ('owner@upgrade.example', 'admin', ${BCRYPT_HASH}) returning id`);
    const plan = await one<{ id: number }>(
      sql`insert into plans (name, storage_options_bytes, domain_storage_bytes, max_accounts, default_daily_send_limit, max_daily_send_limit)
          values ('Upgrade plan', ${`{${GIB},${5 * GIB}}`}::bigint[], ${100 * GIB}, 100, 500, 2000) returning id`,
    );
    const domain = await one<{ id: number; name: string }>(sql`insert into domains (name, admin_id, plan_id) values ('upgrade.example', ${owner.id}, ${plan.id}) returning id, name`);
    const mailbox = async (localPart: string, quota: number, postmaster = false) =>
      one<{ id: number; address: string }>(
        sql`insert into mailboxes (domain_id, local_part, address, password_hash, quota_bytes, daily_send_limit, is_postmaster)
            values (${domain.id}, ${localPart}, ${`${localPart}@${domain.name}`}, ${BCRYPT_HASH}, ${quota}, 500, ${postmaster}) returning id, address`,
      );
    const f = { admin: owner, postmaster: await mailbox('postmaster', POSTMASTER_QUOTA_BYTES, true), mailbox: await mailbox('first', GIB) };
    const second = await mailbox('second', GIB);
    const email = `ops-${randomBytes(3).toString('hex')}@upgrade.example`;
    await db.execute(sql`insert into admins (email, role, password_hash) values (${email}, 'superadmin', ${await hashPassword(PASSWORD)})`);
    await db.execute(sql`insert into api_tokens (admin_id, name, access, token_hash, prefix) values (${f.admin.id}, 'ci', 'read', ${'h'.repeat(64)}, 'mp_abcd')`);
    await db.execute(sql`insert into mail_jobs (address, mailbox_id, kind) values (${f.mailbox.address}, ${f.mailbox.id}, 'kick')`);
    // App passwords as the older schema allowed them (no lookup column yet; names not yet checked).
    const legacy = ((await db.execute(
      sql`insert into app_passwords (mailbox_id, name, protocol, password_hash)
          values (${f.mailbox.id}, ' Phone ', 'imap', ${BCRYPT_HASH}), (${f.mailbox.id}, 'Laptop', 'smtp', ${BCRYPT_HASH}), (${second.id}, ${'x'.repeat(70)}, 'pop3', ${BCRYPT_HASH})
          returning id`,
    )) as unknown as Rows<{ id: number }>).rows.map((row) => row.id);
    const dump = async () =>
      (
        (await db.execute(
          sql`select json_build_object(
                'admins', (select json_agg(json_build_object('id', id, 'email', email, 'hash', password_hash) order by id) from admins),
                'domains', (select json_agg(json_build_object('id', id, 'name', name, 'admin', admin_id, 'plan', plan_id) order by id) from domains),
                'mailboxes', (select json_agg(json_build_object('id', id, 'address', address, 'quota', quota_bytes, 'hash', password_hash) order by id) from mailboxes),
                'tokens', (select json_agg(json_build_object('id', id, 'hash', token_hash) order by id) from api_tokens),
                'jobs', (select json_agg(json_build_object('id', id, 'address', address, 'kind', kind, 'state', state) order by id) from mail_jobs),
                'sequence', (select last_value from mailboxes_id_seq)
              )::text as data`,
        )) as unknown as Rows<{ data: string }>
      ).rows[0]!.data;
    const before = await dump();

    await runMigrations(handle);

    expect(await dump()).toBe(before);
    // The older app passwords are kept, revoked (they have no lookup their secret could be found by),
    // each with a lookup of its own that the new constraints accept, and names the new check accepts.
    const passwords = ((await db.execute(
      sql`select id, mailbox_id as "mailboxId", name, lookup, password_hash as hash, revoked_at is not null as revoked from app_passwords order by id`,
    )) as unknown as Rows<{ id: number; mailboxId: number; name: string; lookup: string; hash: string; revoked: boolean }>).rows;
    expect(passwords.map((row) => row.id)).toEqual(legacy);
    expect(passwords.map((row) => row.name)).toEqual(['Phone', 'Laptop', 'x'.repeat(60)]);
    for (const row of passwords) expect(row).toMatchObject({ hash: BCRYPT_HASH, revoked: true, lookup: expect.stringMatching(/^[a-z2-9]{8}$/) });
    expect(new Set(passwords.map((row) => row.lookup)).size).toBe(3);
    const applied = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as Rows<{ n: number }>;
    expect(applied.rows[0]!.n).toBe(journal.entries.length);
    expect(await tables()).toContain('worker_heartbeats');
    // The read model the newer migrations added sees the older data.
    const userdb = (await db.execute(sql`select count(*)::int as n from mail.userdb`)) as unknown as Rows<{ n: number }>;
    expect(userdb.rows[0]!.n).toBe(3);

    // The panel on it: ready, the admin signs in, the account list reads the old accounts.
    setDatabaseHandle(handle);
    try {
      await recordHeartbeat({ ex: db, worker: 'upgrade-test' });
      expect(await checkReadiness()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', worker: 'ok' } });
      const signedIn = await signInWithPassword({ identifier: email, password: PASSWORD }, { ip: '198.51.100.8' });
      expect(signedIn.ok).toBe(true);
      if (!signedIn.ok) return;
      const caller = (await loadCaller(parsePrincipal(signedIn.principal)!, signedIn.sessionVersion))!;
      const list = await listAccounts({ caller, query: { page: 1, pageSize: 50, q: '', sort: 'address', dir: 'asc' } });
      expect(list.rows.map((row) => row.address).sort()).toEqual([f.mailbox.address, f.postmaster.address, second.address].sort());
    } finally {
      setDatabaseHandle(undefined);
    }
  } finally {
    await handle.close();
    await drop();
  }
}, 240_000);
