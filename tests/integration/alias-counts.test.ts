import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { aliasCounts, aliases } from '@/db/schema';
import { createAlias } from '@/lib/aliases/create-alias';
import { importAliasesCsv } from '@/lib/aliases/csv/alias-csv';
import { listAliases } from '@/lib/aliases/list-aliases';
import { deleteAlias } from '@/lib/aliases/update-alias';
import { deleteDomain } from '@/lib/domains/update-domain';
import type { Caller } from '@/lib/auth/caller';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertMailbox, type DomainRow } from './helpers/fixtures';
import { twoOwners } from './helpers/two-owners';

// The alias list's total without a search comes from alias_counts, kept by statement triggers on aliases (as
// mailbox_counts is for accounts), instead of count(*) over 100,000 aliases on every page. Every write that
// adds or removes aliases is followed here, and the counter always equals a recount; a search still counts
// its matches, capped as the account list caps them.

const t = useTestDatabase();
let owner: Caller;
let otherAdmin: Caller;
let domain: DomainRow;
let other: DomainRow;

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  const world = await twoOwners(db);
  ({ owner, otherAdmin, domain, other } = world);
  await insertMailbox(db, domain, 'anna');
  await insertMailbox(db, other, 'bob');
});

const query = { page: 1, pageSize: 25, q: '', sort: 'address' as const, dir: 'asc' as const };

/** The counter of a domain (0 without a row), after checking it equals a recount. */
async function counted(d: DomainRow): Promise<number> {
  const db = t.db();
  const [row] = await db.select({ n: aliasCounts.aliases }).from(aliasCounts).where(eq(aliasCounts.domainId, d.id));
  const [recount] = await db.select({ n: sql<number>`count(*)::int` }).from(aliases).where(eq(aliases.domainId, d.id));
  expect(row?.n ?? 0).toBe(Number(recount!.n));
  return row?.n ?? 0;
}

async function create(localPart: string, d: DomainRow = domain) {
  const target = d.id === domain.id ? 'anna@alpha.example' : 'bob@beta.example';
  const result = await createAlias({ caller: d.id === domain.id ? owner : otherAdmin, ip: null, domainId: d.id, input: { localPart, targets: [target], description: '' } });
  if (!result.ok) throw new Error(`could not create ${localPart}: ${JSON.stringify(result)}`);
  return result.data;
}

describe('alias counters', () => {
  it('follow creates, deletes, many rows in one statement, an import and a domain’s deletion', async () => {
    const db = t.db();
    expect(await counted(domain)).toBe(0);
    const info = await create('info');
    await create('sales');
    expect(await counted(domain)).toBe(2);

    // One statement writing rows of two domains.
    await db.insert(aliases).values([
      { domainId: domain.id, localPart: 'bulk1', address: 'bulk1@alpha.example' },
      { domainId: domain.id, localPart: 'bulk2', address: 'bulk2@alpha.example' },
      { domainId: other.id, localPart: 'bulk3', address: 'bulk3@beta.example' },
    ]);
    expect(await counted(domain)).toBe(4);
    expect(await counted(other)).toBe(1);

    expect(await deleteAlias({ caller: owner, ip: null, id: info.id })).toMatchObject({ ok: true });
    expect(await counted(domain)).toBe(3);
    // Many rows of two domains deleted at once.
    await db.execute(sql`delete from aliases where local_part like 'bulk%'`);
    expect(await counted(domain)).toBe(1);
    expect(await counted(other)).toBe(0);

    const imported = await importAliasesCsv({ caller: owner, ip: null, domainId: domain.id, input: Readable.from(['local_part,targets\r\na1,anna@alpha.example\r\na2,a1@alpha.example\r\n']) });
    expect(imported).toMatchObject({ ok: true, rows: 2 });
    // An import refused as a whole changes nothing.
    const refused = await importAliasesCsv({ caller: owner, ip: null, domainId: domain.id, input: Readable.from(['local_part,targets\r\na3,anna@alpha.example\r\na1,anna@alpha.example\r\n']) });
    expect(refused).toMatchObject({ ok: false });
    expect(await counted(domain)).toBe(3);
    expect((await listAliases({ caller: owner, query, domainId: domain.id })).total).toBe(3);

    // The domain's deletion takes its aliases and its counter with it.
    expect(await deleteDomain({ caller: owner, ip: null, id: domain.id, input: { confirmName: 'alpha.example' } })).toMatchObject({ ok: true });
    expect(await db.select().from(aliasCounts).where(eq(aliasCounts.domainId, domain.id))).toEqual([]);
  });

  it('stay exact under 30 concurrent creates in two domains and concurrent deletes', async () => {
    const made = await Promise.all(Array.from({ length: 30 }, (_, i) => create(`c${i}`, i % 3 === 0 ? other : domain)));
    expect(await counted(domain)).toBe(20);
    expect(await counted(other)).toBe(10);
    const results = await Promise.all(made.slice(0, 12).map((a, i) => deleteAlias({ caller: i % 3 === 0 ? otherAdmin : owner, ip: null, id: a.id })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await counted(domain)).toBe(12);
    expect(await counted(other)).toBe(6);
    // Raw multi-domain statements racing in both orders. The counters' triggers lock in domain order, but the
    // address-space guard before them locks each row's domain in row order, so two such statements can
    // deadlock there (PostgreSQL aborts one, which writes nothing; the panel never writes two domains' aliases
    // in one statement). Whatever commits, the counters say exactly what is there.
    // As many as the test pool's connections (4), so that none waits for one while a deadlock is detected.
    const settled = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        t.db().insert(aliases).values(
          (i % 2 === 0 ? [domain, other] : [other, domain]).map((d) => ({ domainId: d.id, localPart: `r${i}`, address: `r${i}@${d.name}` })),
        ),
      ),
    );
    for (const result of settled) {
      if (result.status === 'rejected') expect((result.reason as { cause?: { code?: string } }).cause?.code, String((result.reason as { cause?: unknown }).cause ?? result.reason)).toBe('40P01');
    }
    const committed = settled.filter((result) => result.status === 'fulfilled').length;
    expect(committed).toBeGreaterThan(0);
    expect(await counted(domain)).toBe(12 + committed);
    expect(await counted(other)).toBe(6 + committed);
  });

  it('are what the list shows as its total without a search; a search counts its matches, capped', async () => {
    await create('info');
    await create('team');
    await create('sales');
    // The list reads the counter: a counter set by hand is what it shows (a recount would say 3).
    await t.db().update(aliasCounts).set({ aliases: 12_345 }).where(eq(aliasCounts.domainId, domain.id));
    expect(await listAliases({ caller: owner, query, domainId: domain.id })).toMatchObject({ total: 12_345, totalCapped: false });
    // Every domain in reach: the sum of their counters.
    expect((await listAliases({ caller: owner, query })).total).toBe(12_345);
    await t.db().execute(sql`select alias_counts_refresh(${domain.id})`);
    expect(await counted(domain)).toBe(3);

    // A search counts its matches, exactly up to the cap, "more than" past it; the API asks for the exact count.
    const search = { ...query, q: 'alpha', pageSize: 1 };
    expect(await listAliases({ caller: owner, query: search, domainId: domain.id })).toMatchObject({ total: 3, totalCapped: false });
    expect(await listAliases({ caller: owner, query: search, domainId: domain.id, countCap: 2 })).toMatchObject({ total: 2, totalCapped: true });
    expect(await listAliases({ caller: owner, query: search, domainId: domain.id, countCap: 2, exactTotal: true })).toMatchObject({ total: 3, totalCapped: false });
    // A page typed past the cap is counted exactly (the pager can say where it is).
    expect(await listAliases({ caller: owner, query: { ...search, page: 3 }, domainId: domain.id, countCap: 2 })).toMatchObject({ total: 3, totalCapped: false });
  });
});
