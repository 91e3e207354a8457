import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { openPostgres, type DatabaseHandle } from '@/db/open';
import { dropMailRole, generateRolePassword, grantMailRole, mailRoleUrl } from '@/lib/mail-servers/role';
import { pgSendingStore } from '@/lib/policy/pg-store';
import { createPostgresDatabase, testDriver } from './helpers/db';
import { createFixture, insertMailbox, type Fixture } from './helpers/fixtures';

// The policy service's store on real Postgres through the mail servers' role: the answers of the
// unbatched store it replaced, while requests that arrive together share statements (issue 21, point 5).

describe.runIf(testDriver() === 'postgres')('the policy service store (pgSendingStore)', () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let pool: pg.Pool;
  let statements = 0;
  let f: Fixture;
  const role = `mp_policy_${randomBytes(4).toString('hex')}`;
  let databaseUrl: string;

  const sentRows = async (address: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // Summed: a 5-minute boundary may fall between two statements.
      const buckets = await client.query<{ messages: number }>('select coalesce(sum(messages), 0)::integer as messages from mailbox_sent where address = $1', [address]);
      const listed = await client.query<{ sent_24h: number }>('select sent_24h from mailboxes where address = $1', [address]);
      return { sent: buckets.rows[0]?.messages, listed: listed.rows[0]?.sent_24h };
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    ({ url: databaseUrl, drop } = await createPostgresDatabase());
    handle = openPostgres(databaseUrl, { max: 2 });
    await runMigrations(handle);
    f = await createFixture(handle.db);
    const password = generateRolePassword();
    await grantMailRole({ adminUrl: databaseUrl, role, password });
    pool = new pg.Pool({ connectionString: mailRoleUrl(databaseUrl, role, password), max: 5 });
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });

  afterAll(async () => {
    await pool?.end();
    await handle?.close();
    await drop?.();
    if (databaseUrl) await dropMailRole({ adminUrl: process.env.TEST_DATABASE_URL!, role });
  });

  it('answers the limit and the messages of the last 24 hours, null for an address that is no account', async () => {
    const store = pgSendingStore(pool);
    const limited = await insertMailbox(handle.db, f.domain, undefined, { dailySendLimit: 7 });
    expect(await store.sendingState(limited.address)).toEqual({ limit: 7, sent: 0 });
    await store.countSent(limited.address);
    await store.countSent(limited.address);
    expect(await store.sendingState(limited.address)).toEqual({ limit: 7, sent: 2 });
    expect(await store.sendingState(`nobody@${f.domain.name}`)).toBeNull();
  });

  it('counts every message of requests that arrive together, in few statements, and none for a non-account', async () => {
    const store = pgSendingStore(pool);
    const a = await insertMailbox(handle.db, f.domain);
    const b = await insertMailbox(handle.db, f.domain);
    statements = 0;
    // 16 smtpd processes at once: 10 messages of a, 5 of b, one of an address that is not an account.
    await Promise.all([
      ...Array.from({ length: 10 }, () => store.countSent(a.address)),
      ...Array.from({ length: 5 }, () => store.countSent(b.address)),
      store.countSent(`stranger-${randomBytes(3).toString('hex')}@elsewhere.example`),
    ]);
    expect(statements).toBeLessThanOrEqual(3);
    expect(await sentRows(a.address)).toEqual({ sent: 10, listed: 10 });
    expect(await sentRows(b.address)).toEqual({ sent: 5, listed: 5 });

    statements = 0;
    const states = await Promise.all([
      ...Array.from({ length: 8 }, () => store.sendingState(a.address)),
      ...Array.from({ length: 8 }, () => store.sendingState(b.address)),
      store.sendingState(`nobody@${f.domain.name}`),
    ]);
    expect(statements).toBeLessThanOrEqual(3);
    expect(states.slice(0, 8)).toEqual(Array(8).fill({ limit: 500, sent: 10 }));
    expect(states.slice(8, 16)).toEqual(Array(8).fill({ limit: 500, sent: 5 }));
    expect(states[16]).toBeNull();
  });
});
