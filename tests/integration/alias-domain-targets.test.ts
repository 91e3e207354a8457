import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { addAliasDomain } from '@/lib/alias-domains/alias-domains';
import { createAlias } from '@/lib/aliases/create-alias';
import { getAlias } from '@/lib/aliases/list-aliases';
import { updateAlias } from '@/lib/aliases/update-alias';
import type { Caller } from '@/lib/auth/caller';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertMailbox, type DomainRow } from './helpers/fixtures';
import { twoOwners } from './helpers/two-owners';

// An alias's target at an alias domain (issue 17, points 4 and 7) is the domain's address it stands for:
// user@alias.example is checked as user@alpha.example (it must receive; loops and chains go through it;
// send-as to the account it reaches), and the mail servers' views resolve it the same way. Runs on both drivers.

const t = useTestDatabase();
let owner: Caller;
let domain: DomainRow;

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  ({ owner, domain } = await twoOwners(db));
  await insertMailbox(db, domain, 'anna');
  await insertMailbox(db, domain, 'carl');
  expect(await addAliasDomain({ caller: owner, ip: null, domainId: domain.id, input: { name: 'alias.example' } })).toMatchObject({ ok: true });
});

const create = (localPart: string, targets: string[], extra: Record<string, unknown> = {}) =>
  createAlias({ caller: owner, ip: null, domainId: domain.id, input: { localPart, targets, description: '', ...extra } });

function refusalOf(result: { ok: boolean }, field: string): string | undefined {
  return result.ok ? undefined : (result as { fieldErrors?: Record<string, string> }).fieldErrors?.[field];
}

/** Rows of a mail view (both drivers answer raw queries with `{ rows }`). */
async function view<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.db().execute(query)) as unknown as { rows: T[] }).rows;
}

describe('alias targets at an alias domain', () => {
  it('must receive at the domain: an unknown local part is refused, an account or an alias there is taken', async () => {
    expect(refusalOf(await create('team', ['ghost@alias.example']), 'targets')).toMatch(/^aliases\.errors\.targetUnknown.*ghost@alias\.example/);
    expect(await create('team', ['anna@alias.example'])).toMatchObject({ ok: true });
    expect(await create('all', ['team@alias.example', 'x@elsewhere.example'])).toMatchObject({ ok: true });
  });

  it('itself and loops through the alias domain are refused; a chain through it counts its steps', async () => {
    expect(refusalOf(await create('self', ['self@alias.example']), 'targets')).toMatch(/^aliases\.errors\.targetSelf/);
    expect(await create('b', ['anna@alpha.example'])).toMatchObject({ ok: true });
    expect(await create('a', ['b@alias.example'])).toMatchObject({ ok: true });
    // c → a@alias → b@alias → anna: then b → c@alias would close a loop back to b.
    expect(await create('c', ['a@alias.example'])).toMatchObject({ ok: true });
    const [b] = await view<{ id: number }>(sql`select id from aliases where address = 'b@alpha.example'`);
    const detail = await getAlias({ caller: owner, id: b!.id });
    const looped = await updateAlias({ caller: owner, ip: null, id: b!.id, input: { version: detail.version, targets: ['c@alias.example'], description: '' } });
    expect(refusalOf(looped, 'targets')).toMatch(/^aliases\.errors\.loop/);
    // Five aliases in a row through the alias domain: the sixth is one too many.
    expect(await create('d', ['c@alias.example'])).toMatchObject({ ok: true });
    expect(await create('e', ['d@alias.example'])).toMatchObject({ ok: true });
    expect(refusalOf(await create('f', ['e@alias.example']), 'targets')).toMatch(/^aliases\.errors\.chainTooLong/);
  });

  it('send-as may be granted to the account a target at the alias domain delivers to, written either way', async () => {
    const created = await create('sales', ['anna@alias.example'], { sendAs: ['anna@alpha.example', 'anna@alias.example'] });
    expect(created).toMatchObject({ ok: true });
    expect((await getAlias({ caller: owner, id: created.ok ? created.data.id : 0 })).sendAs).toEqual(['anna@alpha.example']);
    // Carl receives nothing through it, under either name.
    expect(refusalOf(await create('other', ['anna@alias.example'], { sendAs: ['carl@alias.example'] }), 'sendAs')).toMatch(/^aliases\.errors\.sendAsNotReceiving.*carl@alias\.example/);
  });

  it('the mail servers’ views resolve it to the domain’s address (virtual aliases, send-as, list members)', async () => {
    expect(await create('b', ['carl@alpha.example'])).toMatchObject({ ok: true });
    expect(await create('sales', ['anna@alias.example', 'b@alias.example'], { sendAs: ['anna@alpha.example'], senders: 'members' })).toMatchObject({ ok: true });
    expect(await view(sql`select destination from mail.alias_edges where address = 'sales@alpha.example' order by destination`)).toEqual([
      { destination: 'anna@alpha.example' },
      { destination: 'b@alpha.example' },
    ]);
    expect(await view(sql`select destination from mail.aliases where address = 'sales@alpha.example' order by destination`)).toEqual([
      { destination: 'anna@alpha.example' },
      { destination: 'carl@alpha.example' },
    ]);
    expect(await view(sql`select login from mail.sender_logins where address = 'sales@alpha.example'`)).toEqual([{ login: 'anna@alpha.example' }]);
    // What Postfix asks since migration 0027 (functions over these views, keeping their plan): the same answers.
    expect(await view(sql`select mail.alias_destinations('sales@alpha.example') as destination order by 1`)).toEqual([
      { destination: 'anna@alpha.example' },
      { destination: 'carl@alpha.example' },
    ]);
    expect(await view(sql`select mail.sender_logins_of('sales@alpha.example') as login`)).toEqual([{ login: 'anna@alpha.example' }]);
    expect(await view(sql`select mail.alias_destinations('nobody@alpha.example') as destination`)).toEqual([]);
  });
});
