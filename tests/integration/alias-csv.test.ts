import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { aliases, auditLog } from '@/db/schema';
import { createAlias } from '@/lib/aliases/create-alias';
import { exportAliasesCsv, importAliasesCsv } from '@/lib/aliases/csv/alias-csv';
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
    for (const [localPart, targets, description] of [
      ['info', ['anna@alpha.example'], '=cmd|calc'],
      ['team', ['info@alpha.example', 'x@elsewhere.example'], 'The team'],
    ] as const) {
      expect(await createAlias({ caller: owner, ip: null, domainId: domain.id, input: { localPart, targets: [...targets], description, active: localPart === 'info' } })).toMatchObject({ ok: true });
    }
    const file = await exportAliasesCsv({ caller: owner, domainId: domain.id, now: new Date('2026-12-07T00:00:00Z') });
    expect(file.filename).toBe('aliases-alpha.example-2026-12-07.csv');
    const raw = await buffer(file.body);
    const body = raw.toString('utf8');
    expect(body.split('\r\n')).toEqual([
      '\ufeffaddress,local_part,description,active,targets',
      "info@alpha.example,info,'=cmd|calc,yes,anna@alpha.example",
      'team@alpha.example,team,The team,no,info@alpha.example x@elsewhere.example',
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
