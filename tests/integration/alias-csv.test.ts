import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { aliases, auditLog } from '@/db/schema';
import { createAlias } from '@/lib/aliases/create-alias';
import { exportAliasesCsv, importAliasesCsv } from '@/lib/aliases/csv/alias-csv';
import { getAlias, listAliases } from '@/lib/aliases/list-aliases';
import type { Caller } from '@/lib/auth/caller';
import { isFailure } from '@/lib/failure';
import { translate } from '@/lib/i18n/translate';
import { resetTables, useTestDatabase } from './helpers/db';
import { twoOwners } from './helpers/two-owners';
import { insertDomain, insertMailbox, type DomainRow } from './helpers/fixtures';

// The aliases' CSV export and import (issue 17, point 8): an export imports into another domain as it is;
// every problem is listed by row and column, in the caller's language, and nothing is written. Runs on
// both drivers.

const t = useTestDatabase();
let owner: Caller;
let otherAdmin: Caller;
let postmaster: Caller;
let domain: DomainRow;
let second: DomainRow;
let other: DomainRow;

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  const world = await twoOwners(db);
  ({ owner, otherAdmin, postmaster, domain, other } = world);
  second = await insertDomain(db, { adminId: world.ownerId, planId: world.planId }, { name: 'gamma.example' });
  await insertMailbox(db, domain, 'anna');
  await insertMailbox(db, second, 'anna');
});

const csv = (...lines: string[]) => Readable.from([lines.join('\r\n')]);
const run = (input: Readable, caller: Caller = owner, domainId = domain.id) => importAliasesCsv({ caller, ip: '192.0.2.1', domainId, input });
const aliasesOf = (d: DomainRow) => t.db().select({ address: aliases.address, description: aliases.description, active: aliases.active }).from(aliases).where(eq(aliases.domainId, d.id)).orderBy(aliases.address);

describe('alias CSV', () => {
  it('exports a domain’s aliases, formula-safe, and the file imports into another domain as it is', async () => {
    for (const [localPart, targets, description, senders, sendAs] of [
      ['info', ['anna@alpha.example'], '=cmd|calc', 'members', ['anna@alpha.example']],
      ['team', ['info@alpha.example', 'x@elsewhere.example'], 'The team', 'anyone', []],
    ] as const) {
      const input = { localPart, targets: [...targets], description, active: localPart === 'info', senders, sendAs: [...sendAs] };
      expect(await createAlias({ caller: owner, ip: null, domainId: domain.id, input })).toMatchObject({ ok: true });
    }
    const file = await exportAliasesCsv({ caller: owner, domainId: domain.id, now: new Date('2026-12-07T00:00:00Z') });
    expect(file.filename).toBe('aliases-alpha.example-2026-12-07.csv');
    const raw = await buffer(file.body);
    const body = raw.toString('utf8');
    expect(body.split('\r\n')).toEqual([
      '\ufeffaddress,local_part,description,active,targets,senders,send_as',
      "info@alpha.example,info,'=cmd|calc,yes,anna@alpha.example,members,anna@alpha.example",
      'team@alpha.example,team,The team,no,info@alpha.example x@elsewhere.example,anyone,',
      '',
    ]);

    // Into gamma.example, with the targets rewritten to gamma's own addresses (the rows name each other).
    const moved = body.replaceAll('@alpha.example', '@gamma.example');
    const imported = await run(Readable.from([moved]), owner, second.id);
    expect(imported).toMatchObject({ ok: true, rows: 2, created: [{ address: 'info@gamma.example' }, { address: 'team@gamma.example' }] });
    expect(await aliasesOf(second)).toEqual([
      { address: 'info@gamma.example', description: '=cmd|calc', active: true },
      { address: 'team@gamma.example', description: 'The team', active: false },
    ]);
    expect(await t.db().select().from(auditLog).where(sql`${auditLog.action} = 'alias.create' and ${auditLog.domainId} = ${second.id}`)).toHaveLength(2);
    // Who may send and send-as came along (the grant to gamma's own anna, whom its info delivers to).
    const info = await listAliases({ caller: owner, query: { page: 1, pageSize: 25, q: 'info', sort: 'address', dir: 'asc' }, domainId: second.id });
    expect(info.rows.map((r) => [r.address, r.senders])).toEqual([['info@gamma.example', 'members']]);
    expect((await getAlias({ caller: owner, id: info.rows[0]!.id })).sendAs).toEqual(['anna@gamma.example']);
  });

  it('reads who may send (senders) and send-as (send_as), each cell checked with a clear message; with any problem nothing is written', async () => {
    await insertMailbox(t.db(), domain, 'carl');
    // Grants through another row's alias (l1 → l2 → anna), a rule in any case, empty cells as the form's defaults.
    const ok = await run(
      csv(
        'local_part,targets,senders,send_as',
        'l1,l2@alpha.example,Members,anna@alpha.example',
        'l2,anna@alpha.example carl@alpha.example,domain,carl@alpha.example anna@alpha.example',
        'l3,anna@alpha.example,,',
      ),
    );
    expect(ok).toMatchObject({ ok: true, rows: 3 });
    const rows = await t.db().execute(
      sql`select a.local_part, a.senders, coalesce(string_agg(m.local_part, ' ' order by m.local_part), '') as send_as
            from aliases a left join alias_send_as g on g.alias_id = a.id left join mailboxes m on m.id = g.mailbox_id
           where a.domain_id = ${domain.id} group by a.local_part, a.senders order by a.local_part`,
    );
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([
      { local_part: 'l1', senders: 'members', send_as: 'anna' },
      { local_part: 'l2', senders: 'domain', send_as: 'anna carl' },
      { local_part: 'l3', senders: 'anyone', send_as: '' },
    ]);
    await t.db().delete(aliases);

    // Hostile and wrong cells: a formula, an unknown rule, a very long cell, not an address, too many grants, twice the same.
    const many = Array.from({ length: 101 }, (_, i) => `p${i}@alpha.example`).join(' ');
    const refused = await run(
      csv(
        'local_part,targets,senders,send_as',
        `a,anna@alpha.example,"'=HYPERLINK(""http://evil.example"")",`,
        'b,anna@alpha.example,everyone,',
        `c,anna@alpha.example,${'x'.repeat(10_000)},`,
        "d,anna@alpha.example,,'=anna@alpha.example",
        `e,anna@alpha.example,,${many}`,
        'f,anna@alpha.example,,anna@alpha.example ANNA@alpha.example',
        'g,anna@alpha.example,members,<script>@alpha.example',
      ),
    );
    expect(refused).toMatchObject({ ok: false });
    if (refused.ok) return;
    expect(refused.issues.map((i) => [i.row, i.column, i.message.split('|')[0]])).toEqual([
      [2, 'senders', 'aliases.csv.senders'],
      [3, 'senders', 'aliases.csv.senders'],
      [4, 'senders', 'aliases.csv.senders'],
      [5, 'send_as', expect.stringContaining('aliases.errors.targetInvalid')],
      [6, 'send_as', expect.stringContaining('aliases.errors.tooManySendAs')],
      [7, 'send_as', expect.stringContaining('aliases.errors.sendAsDuplicate')],
      [8, 'send_as', expect.stringContaining('aliases.errors.targetInvalid')],
    ]);
    for (const issue of refused.issues) {
      const [en, it] = [translate('en', issue.message), translate('it', issue.message)];
      expect(en).not.toBe(issue.message);
      expect(it).not.toBe(en);
      // A cell's text is never echoed at length.
      expect(en.length).toBeLessThan(400);
    }
    expect(translate('en', 'aliases.csv.senders')).toBe('Who may send must be anyone, domain or members.');

    // What only the database knows: a grant to an account the alias does not deliver to, or to no account at all.
    const db = await run(csv('local_part,targets,send_as', 'ok,anna@alpha.example,anna@alpha.example', 'x,anna@alpha.example,carl@alpha.example', 'y,x@elsewhere.example,x@elsewhere.example'));
    expect(db).toMatchObject({
      ok: false,
      issues: [
        { row: 3, column: 'send_as', message: expect.stringContaining('aliases.errors.sendAsNotReceiving') },
        { row: 4, column: 'send_as', message: expect.stringContaining('aliases.errors.sendAsNotReceiving') },
      ],
    });
    expect(await aliasesOf(domain)).toEqual([]);
    expect(await t.db().execute(sql`select 1 from alias_send_as`)).toMatchObject({ rows: [] });
  });

  it('rows may name aliases of later rows; every problem is listed by row and column, in the caller’s language, and nothing is written', async () => {
    expect(await run(csv('local_part,targets,active', 'a,b@alpha.example', 'b,anna@alpha.example,yes'))).toMatchObject({ ok: true, rows: 2 });
    await t.db().delete(aliases);

    const auditBefore = (await t.db().select().from(auditLog)).length;
    const refused = await run(
      csv(
        'local_part,description,active,targets',
        'sales,Sales,perhaps,anna@alpha.example',
        'bad part!,,,anna@alpha.example',
        'sales,Again,yes,anna@alpha.example',
        'empty,,,',
        'anna,,,x@elsewhere.example',
      ),
    );
    expect(refused).toMatchObject({ ok: false });
    if (refused.ok) return;
    expect(refused.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'active'],
      [3, 'local_part'],
      [4, 'local_part'],
      [5, 'targets'],
    ]);
    for (const issue of refused.issues) {
      const [en, it] = [translate('en', issue.message), translate('it', issue.message)];
      expect(en).not.toBe(issue.message);
      expect(it).not.toBe(en);
    }
    expect(await aliasesOf(domain)).toEqual([]);
    expect(await t.db().select().from(auditLog)).toHaveLength(auditBefore);

    // What only the database knows: an account's address, an unknown hosted target, a loop inside the file.
    const db = await run(csv('local_part,targets', 'anna,x@elsewhere.example', 'c,nobody@alpha.example', 'l1,l2@alpha.example', 'l2,l1@alpha.example'));
    expect(db).toMatchObject({ ok: false, issues: [{ row: 2, column: 'local_part' }] });
    const later = await run(csv('local_part,targets', 'c,nobody@alpha.example', 'l1,l2@alpha.example', 'l2,l1@alpha.example'));
    expect(later).toMatchObject({ ok: false, issues: [{ row: 2, column: 'targets', message: expect.stringContaining('aliases.errors.targetUnknown') }, { row: 4, column: 'targets', message: expect.stringContaining('aliases.errors.loop') }] });
    expect(await aliasesOf(domain)).toEqual([]);

    // The file itself: an unknown column, no targets column, not CSV.
    expect(await run(csv('local_part,colour', 'x,red'))).toMatchObject({ ok: false, issues: [{ row: 1, column: 'colour' }, { row: 1, column: 'targets' }] });
    expect(await run(csv('local_part,targets', '"unclosed,x'))).toMatchObject({ ok: false, issues: [{ row: null, message: expect.stringContaining('accountImport.errors.notCsv') }] });
  });

  it('who may: a domain out of reach is not found; a postmaster only where its domain lets it manage aliases', async () => {
    expect(await exportAliasesCsv({ caller: otherAdmin, domainId: domain.id }).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await run(csv('local_part,targets', 'x,anna@alpha.example'), otherAdmin).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await run(csv('local_part,targets', 'x,anna@alpha.example'), postmaster).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'forbidden'));
    expect(await run(csv('local_part,targets', 'x,anna@alpha.example'), owner, other.id).catch((e: unknown) => e)).toSatisfy((e) => isFailure(e, 'notFound'));
    expect(await aliasesOf(domain)).toEqual([]);
  });
});
