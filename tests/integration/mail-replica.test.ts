import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthClient, dovecotUnavailable, startDovecot, type Dovecot } from '../../bench/mail-dovecot';
import { freePort } from '../../bench/server-process';
import { setDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { openPostgres, type DatabaseHandle } from '@/db/open';
import { setAccountActive } from '@/lib/accounts/lifecycle/set-account-active';
import { generateRolePassword, grantMailRole, mailRoleUrl } from '@/lib/mail-servers/role';
import { adminCaller } from './helpers/callers';
import { testDriver } from './helpers/db';
import { createFixture, insertMailbox, type Fixture, type MailboxRow } from './helpers/fixtures';
import { clusterRoot, clustersUnavailable, startPrimary, startReplica, type Cluster } from './helpers/pg-cluster';

// Issue 21, point 6: the mail servers' lookups on a streaming replica (docs/scaling.md). The test starts
// its own primary and a replica made from it with pg_basebackup, and a real Dovecot whose passdb/userdb
// read the replica (mail:config --lookup-database-url) while its writes go to the primary. Needs root,
// Dovecot's packages and the PostgreSQL server binaries.

const PASSWORD = 'Replica-Passw0rd';
/** How soon a change made in the panel must reach the mail servers through the replica. */
const WITHIN_MS = 1_000;
const unavailable = testDriver() === 'postgres' ? (dovecotUnavailable() ?? clustersUnavailable()) : 'the postgres project only';

describe.skipIf(unavailable !== null)('the mail servers reading a streaming replica', () => {
  const role = `mp_replica_${randomBytes(4).toString('hex')}`;
  let root: ReturnType<typeof clusterRoot>;
  let primary: Cluster;
  let replica: Cluster;
  let handle: DatabaseHandle;
  let dovecot: Dovecot;
  let auth: AuthClient;
  let f: Fixture;
  let account: MailboxRow;

  const rows = async <T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  /** Milliseconds until the replica's passdb view shows the account able to log in (or not), polled every 5 ms; fails after 5 s. */
  const replicaShows = async (canLogIn: boolean): Promise<number> => {
    const started = performance.now();
    const client = new pg.Client({ connectionString: replica.url() });
    await client.connect();
    try {
      while (performance.now() - started < 5_000) {
        const { rows: found } = await client.query(`select 1 from mail.passdb where address = $1 and service = 'imap'`, [account.address]);
        if ((found.length > 0) === canLogIn) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      await client.end();
    }
    throw new Error(`the replica did not show the change within 5 s`);
  };

  beforeAll(async () => {
    root = clusterRoot();
    primary = startPrimary(root.dir, await freePort());
    handle = openPostgres(primary.url(), { max: 2 });
    await runMigrations(handle);
    setDatabaseHandle(handle);
    f = await createFixture(handle.db);
    account = await insertMailbox(handle.db, f.domain, 'alice', { passwordHash: await bcrypt.hash(PASSWORD, 4) });
    const password = generateRolePassword();
    await grantMailRole({ adminUrl: primary.url(), role, password });
    // The role and everything above reach the replica through the base backup; later changes stream.
    replica = startReplica(root.dir, primary, await freePort());
    dovecot = await startDovecot(mailRoleUrl(primary.url(), role, password), `replica-${randomBytes(3).toString('hex')}`, {
      lookupDatabaseUrl: mailRoleUrl(replica.url(), role, password),
    });
    auth = await AuthClient.connect(dovecot.ports.auth);
  }, 180_000);

  afterAll(async () => {
    auth?.close();
    await dovecot?.stop();
    setDatabaseHandle(undefined);
    await handle?.close();
    replica?.stop();
    primary?.stop();
    root?.remove();
  });

  it('logs in through the replica, and the post-login write lands on the primary', async () => {
    expect(await rows(replica.url(), 'select pg_is_in_recovery() as standby')).toEqual([{ standby: true }]);
    expect(await auth.login(account.address, PASSWORD, 'imap')).toBe(true);
    const failing = performance.now();
    expect(await auth.login(account.address, 'wrong-password', 'imap')).toBe(false);
    const unknown = performance.now();
    expect(await auth.login(`nobody@${f.domain.name}`, PASSWORD, 'imap')).toBe(false);
    console.log(`[mail-replica] a refused login takes ${(unknown - failing).toFixed(0)} ms (wrong password), ${(performance.now() - unknown).toFixed(0)} ms (unknown user)`);
    // The password lookup ran on the replica, as the mail role; not on the primary.
    const lookups = `select count(*)::integer as n from pg_stat_activity where usename = $1 and query like '%mail.passdb%'`;
    expect((await rows<{ n: number }>(replica.url(), lookups, [role]))[0]!.n).toBeGreaterThan(0);
    expect((await rows<{ n: number }>(primary.url(), lookups, [role]))[0]!.n).toBe(0);

    // SMTP AUTH also records the login (mail.record_login): a write, which a replica would refuse.
    expect(await auth.login(account.address, PASSWORD, 'smtp')).toBe(true);
    const recorded = await rows<{ smtp: string | null }>(primary.url(), 'select smtp from mailbox_last_login where address = $1', [account.address]);
    expect(Number(recorded[0]?.smtp)).toBeGreaterThan(0);
  });

  it(`has the account's deactivation in the panel on the replica within ${WITHIN_MS} ms, Dovecot refusing its login then, and its reactivation as soon`, async () => {
    const caller = adminCaller(f.admin);
    expect(await auth.login(account.address, PASSWORD, 'imap')).toBe(true);

    expect(await setAccountActive({ caller, ip: null, id: account.id, active: false })).toMatchObject({ ok: true });
    const goneAfter = await replicaShows(false);
    expect(await auth.login(account.address, PASSWORD, 'imap')).toBe(false);
    expect(await setAccountActive({ caller, ip: null, id: account.id, active: true })).toMatchObject({ ok: true });
    const backAfter = await replicaShows(true);
    expect(await auth.login(account.address, PASSWORD, 'imap')).toBe(true);
    // The primary's own measure of the replica's lag (the last one it saw).
    const lag = await rows<{ ms: number | null }>(primary.url(), 'select (extract(epoch from replay_lag) * 1000)::float8 as ms from pg_stat_replication');
    console.log(`[mail-replica] on the replica ${goneAfter.toFixed(0)} ms after the deactivation's commit, ${backAfter.toFixed(0)} ms after the reactivation's (replay lag seen by the primary: ${lag[0]?.ms?.toFixed(1) ?? 'n/a'} ms)`);
    expect(goneAfter).toBeLessThan(WITHIN_MS);
    expect(backAfter).toBeLessThan(WITHIN_MS);
  });
});
