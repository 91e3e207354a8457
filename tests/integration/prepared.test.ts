import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { preparedFor } from '@/db/prepared';
import { countApiOwnerUse, countApiTokenUse } from '@/db/queries/api-tokens';
import { findAdminPrincipal, findMailboxPrincipal } from '@/db/queries/credentials';
import { findAdminWithLiveSession, findMailboxWithLiveSession } from '@/db/queries/sessions';
import type { Executor } from '@/db/types';
import { useTestDatabase } from './helpers/db';

// db/prepared.ts: a fixed-shape statement built once per database, its values given at each run.

const t = useTestDatabase();

const echo = (ex: Executor, name: string) => ({ ex, name, query: ex.select({ n: sql<number>`${sql.placeholder('n')}::int + 1` }).from(sql`(select 1) one`).prepare(name) });

describe('preparedFor', () => {
  it('builds a statement once per database and runs it with each call’s values', async () => {
    let builds = 0;
    const build = (ex: Executor, name: string) => {
      builds++;
      return echo(ex, name);
    };
    const first = preparedFor(t.db(), 'test_echo', build);
    const second = preparedFor(t.db(), 'test_echo', build);
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(await first.query.execute({ n: 1 })).toEqual([{ n: 2 }]);
    expect(await second.query.execute({ n: 41 })).toEqual([{ n: 42 }]);
  });

  it('builds it anew inside a transaction, bound to it', async () => {
    let builds = 0;
    const build = (ex: Executor, name: string) => {
      builds++;
      return echo(ex, name);
    };
    const outside = preparedFor(t.db(), 'test_echo_tx', build);
    await t.db().transaction(async (tx) => {
      const inside = preparedFor(tx, 'test_echo_tx', build);
      expect(inside.ex).toBe(tx);
      expect(inside).not.toBe(outside);
      expect(await inside.query.execute({ n: 9 })).toEqual([{ n: 10 }]);
      expect(preparedFor(tx, 'test_echo_tx', build)).not.toBe(inside);
    });
    expect(builds).toBe(3);
  });
});

describe('the session read of every signed-in request', () => {
  const check = { secretHash: 'x'.repeat(43), ip: '192.0.2.1', now: new Date(), cutoffs: { idleCutoff: new Date(0), absoluteCutoff: new Date(0) }, touchBefore: new Date() };

  it('is not built again per request', async () => {
    const db = t.db();
    await findAdminWithLiveSession({ ex: db, id: 1, ip: '192.0.2.1', session: check });
    await findMailboxWithLiveSession({ ex: db, id: 1, ip: null, session: check });
    const building = vi.spyOn(db, '$with');
    expect(await findAdminWithLiveSession({ ex: db, id: 2, ip: null, session: check })).toBeUndefined();
    expect(await findMailboxWithLiveSession({ ex: db, id: 2, ip: '192.0.2.9', session: check })).toBeUndefined();
    expect(building).not.toHaveBeenCalled();
    building.mockRestore();
  });
});

describe('what every API request runs', () => {
  const requestOnce = async (ex: Executor, n: number) => {
    const now = new Date();
    expect(await countApiTokenUse({ ex, tokenHash: `no-such-token-${n}`, ip: '192.0.2.1', now, windowSeconds: 60 })).toBeUndefined();
    expect((await countApiOwnerUse({ ex, principal: 'admin:999', now, windowSeconds: 60 })).count).toBe(n);
    expect(await findAdminPrincipal({ ex, id: 999, ip: null })).toBeUndefined();
    expect(await findMailboxPrincipal({ ex, id: 999, ip: '192.0.2.1' })).toBeUndefined();
  };

  it('is not built again per request, and counts each one', async () => {
    const db = t.db();
    await requestOnce(db, 1);
    const building = [vi.spyOn(db, 'select'), vi.spyOn(db, 'update'), vi.spyOn(db, 'insert')];
    await requestOnce(db, 2);
    await requestOnce(db, 3);
    for (const spy of building) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});
