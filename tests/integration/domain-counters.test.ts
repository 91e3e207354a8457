import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDomainRow, listDomainRows } from '@/db/queries/domains';
import { mailboxes } from '@/db/schema';
import { domainScope } from '@/lib/auth/scope';
import { adminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, mailboxValues } from './helpers/fixtures';

// A domain's account count and allotted storage come from mailbox_counts, kept by triggers (migration
// 0020 added the storage), so a domain's page and the domain list read one row instead of every account.
// Each write that changes them is followed here, and the figures always equal a recount.

const t = useTestDatabase();
beforeEach(() => resetTables(t.db()));

const GB = 1024 ** 3;

async function world() {
  const db = t.db();
  const admin = await insertAdmin(db);
  const plan = await insertPlan(db);
  const big = await insertDomain(db, { adminId: admin.id, planId: plan.id }, { name: 'big.example' });
  const small = await insertDomain(db, { adminId: admin.id, planId: plan.id }, { name: 'small.example' });
  const scope = domainScope(adminCaller(admin));
  const figures = async (id: number) => {
    const row = await getDomainRow({ ex: db, scope, id });
    // Both drivers answer raw queries with `{ rows }`.
    const recount = (await db.execute(
      sql`select count(*)::int as n, coalesce(sum(quota_bytes), 0)::bigint as bytes from mailboxes where domain_id = ${id}`,
    )) as unknown as { rows: { n: number; bytes: string }[] };
    const [counted] = recount.rows;
    expect({ accounts: row!.accounts, allocated: row!.allocated }).toEqual({ accounts: counted!.n, allocated: Number(counted!.bytes) });
    return { accounts: row!.accounts, allocated: row!.allocated };
  };
  return { db, big, small, scope, figures };
}

describe('domain counters', () => {
  it('follow inserts, quota changes and deletes, one statement or many rows at once', async () => {
    const { db, big, small, figures } = await world();
    expect(await figures(big.id)).toEqual({ accounts: 0, allocated: 0 });

    const a = await insertMailbox(db, big, 'a', { quotaBytes: 1 * GB });
    await insertMailbox(db, big, 'b', { quotaBytes: 2 * GB });
    // Several rows of two domains in one statement.
    await db.insert(mailboxes).values([
      { ...mailboxValues(big, 'c'), quotaBytes: 3 * GB },
      { ...mailboxValues(small, 'x'), quotaBytes: 5 * GB },
      { ...mailboxValues(small, 'y'), quotaBytes: 5 * GB },
    ]);
    expect(await figures(big.id)).toEqual({ accounts: 3, allocated: 6 * GB });
    expect(await figures(small.id)).toEqual({ accounts: 2, allocated: 10 * GB });

    // A quota change moves the storage; a change of anything else (the mail path's counters) does not.
    await db.execute(sql`update mailboxes set quota_bytes = ${4 * GB} where id = ${a.id}`);
    await db.execute(sql`update mailboxes set used_bytes = 12345, sent_24h = 7 where domain_id = ${big.id}`);
    expect(await figures(big.id)).toEqual({ accounts: 3, allocated: 9 * GB });
    // Many accounts at once (a bulk storage change).
    await db.execute(sql`update mailboxes set quota_bytes = ${1 * GB} where domain_id = ${small.id}`);
    expect(await figures(small.id)).toEqual({ accounts: 2, allocated: 2 * GB });

    await db.execute(sql`delete from mailboxes where local_part in ('a', 'x')`);
    expect(await figures(big.id)).toEqual({ accounts: 2, allocated: 5 * GB });
    expect(await figures(small.id)).toEqual({ accounts: 1, allocated: 1 * GB });
  });

  it('are rebuilt from the accounts by mailbox_list_refresh()', async () => {
    const { db, big, figures } = await world();
    await insertMailbox(db, big, 'a', { quotaBytes: 1 * GB });
    await insertMailbox(db, big, 'b', { quotaBytes: 2 * GB });
    await db.execute(sql`update mailbox_counts set accounts = 99, allocated_bytes = 1 where domain_id = ${big.id}`);
    await db.execute(sql`select mailbox_list_refresh(${big.id})`);
    expect(await figures(big.id)).toEqual({ accounts: 2, allocated: 3 * GB });
  });

  it('order the domain list by accounts and by storage', async () => {
    const { db, big, small, scope } = await world();
    await insertMailbox(db, big, 'a', { quotaBytes: 1 * GB });
    await insertMailbox(db, big, 'b', { quotaBytes: 1 * GB });
    await insertMailbox(db, small, 'x', { quotaBytes: 10 * GB });
    const order = async (sort: 'accounts' | 'storage') =>
      (await listDomainRows({ ex: db, scope, search: null, sort, dir: 'desc', limit: 10, offset: 0 })).rows.map((r) => [r.name, r.accounts, r.allocated]);
    expect(await order('accounts')).toEqual([
      ['big.example', 2, 2 * GB],
      ['small.example', 1, 10 * GB],
    ]);
    expect(await order('storage')).toEqual([
      ['small.example', 1, 10 * GB],
      ['big.example', 2, 2 * GB],
    ]);
  });
});
