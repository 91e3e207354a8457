import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as healthz } from '@/app/healthz/route';
import { GET as readyz } from '@/app/readyz/route';
import { setDatabaseHandle } from '@/db';
import { openPostgres, type DatabaseHandle } from '@/db/open';
import { recordHeartbeat } from '@/db/queries/health';
import { startWorker } from '@/lib/jobs/worker';
import { proxy } from '@/proxy';
import { useTestDatabase } from './helpers/db';

// /healthz and /readyz: each readiness check failing on its own, the answer saying which and nothing else.

const t = useTestDatabase();

type Rows<T> = { rows: T[] };

async function ready(): Promise<{ status: number; body: unknown; text: string }> {
  const response = await readyz();
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}

/** A database that refuses every query, as a closed PGlite does (opening a real one costs seconds). */
function unreachable(): DatabaseHandle {
  const refuse = () => Promise.reject(new Error('PGlite is closed'));
  const db = { execute: refuse, select: () => { throw new Error('PGlite is closed'); } } as unknown as DatabaseHandle['db'];
  return { kind: 'embedded', db, withConnection: refuse, close: async () => {} };
}

const allOk = { status: 'ready', checks: { database: 'ok', migrations: 'ok', worker: 'ok' } };

beforeEach(async () => {
  delete process.env.READY_WORKER_MAX_AGE_S;
  await t.db().execute(sql`delete from worker_heartbeats`);
  await recordHeartbeat({ ex: t.db(), worker: 'test-worker' });
});

afterEach(() => {
  delete process.env.READY_WORKER_MAX_AGE_S;
});

describe('/healthz', () => {
  it('answers 200 whatever the database does', async () => {
    setDatabaseHandle(unreachable());
    try {
      const response = healthz();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
      expect(response.headers.get('cache-control')).toBe('no-store');
    } finally {
      setDatabaseHandle(t.handle());
    }
  });
});

describe('/readyz', () => {
  it('answers 200 with every check ok', async () => {
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(allOk);
  });

  it('fails the database check (and with it the others) when the database is unreachable, and leaks no error', async () => {
    // Postgres: nothing listens on port 1, connection refused.
    const down = t.kind === 'postgres' ? openPostgres('postgres://postgres@127.0.0.1:1/none', { max: 1 }) : unreachable();
    setDatabaseHandle(down);
    try {
      const answer = await ready();
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ status: 'not ready', checks: { database: 'fail', migrations: 'fail', worker: 'fail' } });
      expect(answer.text).not.toMatch(/ECONNREFUSED|closed|error|postgres|127\.0\.0\.1|\d+\.\d+\.\d+/i);
    } finally {
      setDatabaseHandle(t.handle());
      await down.close();
    }
  });

  it('fails the migrations check when the newest migration is not applied', async () => {
    const newest = (await t.db().execute(
      sql`select id, hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    )) as unknown as Rows<{ id: number; hash: string; created_at: string }>;
    const row = newest.rows[0]!;
    await t.db().execute(sql`delete from drizzle.__drizzle_migrations where id = ${row.id}`);
    try {
      const answer = await ready();
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ status: 'not ready', checks: { database: 'ok', migrations: 'fail', worker: 'ok' } });
    } finally {
      await t.db().execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${row.id}, ${row.hash}, ${row.created_at}::bigint)`);
    }
    expect((await ready()).status).toBe(200);
  });

  it('fails the worker check when no worker ever beat, or none lately; READY_WORKER_MAX_AGE_S sets "lately", 0 turns it off', async () => {
    await t.db().execute(sql`delete from worker_heartbeats`);
    const never = await ready();
    expect(never.status).toBe(503);
    expect(never.body).toEqual({ status: 'not ready', checks: { database: 'ok', migrations: 'ok', worker: 'fail' } });

    await recordHeartbeat({ ex: t.db(), worker: 'test-worker' });
    await t.db().execute(sql`update worker_heartbeats set beat_at = now() - interval '10 minutes'`);
    expect((await ready()).status).toBe(503);

    process.env.READY_WORKER_MAX_AGE_S = '900';
    expect(await ready()).toMatchObject({ status: 200, body: allOk });

    process.env.READY_WORKER_MAX_AGE_S = '60';
    expect((await ready()).status).toBe(503);

    process.env.READY_WORKER_MAX_AGE_S = '0';
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'ok', migrations: 'ok', worker: 'off' } } });
  });

  it('is kept ready by a running worker loop', async () => {
    await t.db().execute(sql`delete from worker_heartbeats`);
    expect((await ready()).status).toBe(503);
    const running = startWorker({ host: null, pollMs: 60_000, log: { info: () => {}, warn: () => {}, error: () => {} } });
    try {
      const started = Date.now();
      while ((await ready()).status !== 200 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await ready()).toMatchObject({ status: 200, body: allOk });
    } finally {
      await running.stop();
    }
  });
});

describe('proxy.ts', () => {
  it('lets the probes through without a session, and still sends other paths to sign-in', () => {
    for (const path of ['/healthz', '/readyz']) {
      expect(proxy(new NextRequest(`http://panel.test${path}`)).headers.get('location')).toBeNull();
    }
    expect(proxy(new NextRequest('http://panel.test/readyzz')).headers.get('location')).toBe('http://panel.test/login');
    expect(proxy(new NextRequest('http://panel.test/domains')).headers.get('location')).toBe('http://panel.test/login');
  });
});
