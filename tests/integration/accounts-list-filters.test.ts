import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAccountDomains, listAccountRows, MERGE_MAX_DOMAINS, type AccountFilters, type AccountSort } from '@/db/queries/accounts';
import { mailboxes, mailJobs } from '@/db/schema';
import { accountCriteria, listAccounts } from '@/lib/accounts/list-accounts';
import { parseAccountFilters } from '@/lib/accounts/list-filters';
import type { Caller } from '@/lib/auth/caller';
import { domainScope } from '@/lib/auth/scope';
import type { PageQuery } from '@/lib/pagination';
import { adminCaller, postmasterCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES, type DomainRow, type MailboxRow } from './helpers/fixtures';

// The account list's filters (issue 23, point 11): each alone, combined with each other, with the search
// and the sort, over one domain and across domains, through both ways a page is read (all matches sorted,
// or the sort index walked), and only ever within the caller's scope.

const t = useTestDatabase();
beforeEach(() => resetTables(t.db()));

const MB = 1_048_576;
const DAY = 86_400;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function query(over: Partial<PageQuery<AccountSort>> = {}): PageQuery<AccountSort> {
  return { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc', ...over };
}

async function exec(statement: ReturnType<typeof sql>) {
  await t.db().execute(statement);
}

async function usage(address: string, bytes: number) {
  await exec(sql`insert into mailbox_usage (address, storage_bytes, messages) values (${address}, ${bytes}, 1)`);
}

async function login(address: string, daysAgo: number) {
  await exec(sql`insert into mailbox_last_login (address, imap) values (${address}, ${nowSeconds() - daysAgo * DAY})`);
}

type World = { root: Caller; A: Caller; pm: Caller; a1: DomainRow; a2: DomainRow; b1: DomainRow; box: Record<string, MailboxRow> };

/**
 * a1 (active): postmaster (signed in today); alice: 95% full, two-step on, last in 100 days ago; bob: forwards,
 * IMAP off, in an hour ago; carol: deactivated, never in; dave: Updating, never in; erin: DAV on, in 40 days ago.
 * a2 (deactivated, also A's): frank, active (reads Offline), two-step on. b1 (admin B's): gina, matching
 * every filter that alice and bob match.
 */
async function world(): Promise<World> {
  const db = t.db();
  const root = superadminCaller(await insertAdmin(db, { role: 'superadmin' }));
  const adminA = await insertAdmin(db);
  const adminB = await insertAdmin(db);
  const plan = await insertPlan(db);
  const a1 = await insertDomain(db, { adminId: adminA.id, planId: plan.id }, { name: 'a1.example' });
  const a2 = await insertDomain(db, { adminId: adminA.id, planId: plan.id }, { name: 'a2.example', active: false });
  const b1 = await insertDomain(db, { adminId: adminB.id, planId: plan.id }, { name: 'b1.example' });
  const pmBox = await insertMailbox(db, a1, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  const box = {
    alice: await insertMailbox(db, a1, 'alice', { quotaBytes: 10 * MB, otpEnabledAt: new Date(), otpSecretEnc: 'x' }),
    bob: await insertMailbox(db, a1, 'bob', { forwards: ['bob@elsewhere.test'], imap: false }),
    carol: await insertMailbox(db, a1, 'carol', { active: false }),
    dave: await insertMailbox(db, a1, 'dave'),
    erin: await insertMailbox(db, a1, 'erin', { dav: true }),
    frank: await insertMailbox(db, a2, 'frank', { otpEnabledAt: new Date(), otpSecretEnc: 'x' }),
    gina: await insertMailbox(db, b1, 'gina', { quotaBytes: 10 * MB, otpEnabledAt: new Date(), otpSecretEnc: 'x', forwards: ['g@elsewhere.test'], imap: false, dav: true }),
  };
  await usage('alice@a1.example', 9.5 * MB);
  await usage('gina@b1.example', 10 * MB);
  await usage('erin@a1.example', 8 * MB); // 8 of the default quota: far from full
  await login('postmaster@a1.example', 0);
  await login('alice@a1.example', 100);
  await login('bob@a1.example', 1 / 24);
  await login('erin@a1.example', 40);
  await login('frank@a2.example', 200);
  await login('gina@b1.example', 400);
  await db.insert(mailJobs).values({ address: 'dave@a1.example', mailboxId: box.dave.id, kind: 'kick' });
  return { root, A: adminCaller(adminA), pm: postmasterCaller(pmBox), a1, a2, b1, box };
}

const locals = (rows: { address: string }[]) => rows.map((r) => r.address.slice(0, r.address.indexOf('@')));

async function find(caller: Caller, filters: AccountFilters, over: Partial<PageQuery<AccountSort>> = {}, domainId?: number) {
  const list = await listAccounts({ caller, query: query(over), filters, domainId });
  return { names: locals(list.rows), total: list.total };
}

describe('account list filters', () => {
  it('each filter alone, in one domain', async () => {
    const w = await world();
    const cases: [AccountFilters, string[]][] = [
      [{}, ['alice', 'bob', 'carol', 'dave', 'erin', 'postmaster']],
      [{ status: 'online' }, ['alice', 'bob', 'erin', 'postmaster']],
      [{ status: 'offline' }, ['carol']],
      [{ status: 'updating' }, ['dave']],
      [{ full: true }, ['alice']],
      [{ neverSignedIn: true }, ['carol', 'dave']],
      [{ idleDays: 30 }, ['alice', 'erin']],
      [{ idleDays: 90 }, ['alice']],
      [{ idleDays: 365 }, []],
      [{ otp: true }, ['alice']],
      [{ otp: false }, ['bob', 'carol', 'dave', 'erin', 'postmaster']],
      [{ forwarding: true }, ['bob']],
      [{ service: { name: 'imap', on: false } }, ['bob']],
      [{ service: { name: 'imap', on: true } }, ['alice', 'carol', 'dave', 'erin', 'postmaster']],
      [{ service: { name: 'dav', on: true } }, ['erin']],
    ];
    for (const [filters, expected] of cases) {
      expect(await find(w.A, filters, {}, w.a1.id), JSON.stringify(filters)).toEqual({ names: expected, total: expected.length });
    }
  });

  it('combines filters with each other, with the search, the sort and the pages', async () => {
    const w = await world();
    expect((await find(w.A, { status: 'online', otp: false }, {}, w.a1.id)).names).toEqual(['bob', 'erin', 'postmaster']);
    expect((await find(w.A, { status: 'online', otp: false }, { q: 'ste' }, w.a1.id)).names).toEqual(['postmaster']);
    expect((await find(w.A, { status: 'online', otp: false }, { q: 'b' }, w.a1.id)).names).toEqual(['bob']);
    expect((await find(w.A, { neverSignedIn: true, status: 'updating' }, {}, w.a1.id)).names).toEqual(['dave']);
    expect((await find(w.A, { neverSignedIn: true }, { sort: 'address', dir: 'desc' }, w.a1.id)).names).toEqual(['dave', 'carol']);
    expect((await find(w.A, { otp: false }, { sort: 'storage', dir: 'desc' }, w.a1.id)).names[0]).toBe('erin');
    const page2 = await find(w.A, { otp: false }, { page: 2, pageSize: 2 }, w.a1.id);
    expect(page2).toEqual({ names: ['dave', 'erin'], total: 5 });
  });

  it('reads Offline and Online as the rows show them across domains: a deactivated domain is Offline', async () => {
    const w = await world();
    expect((await find(w.A, { status: 'offline' })).names).toEqual(['carol', 'frank']);
    expect((await find(w.A, { status: 'online' })).names).toEqual(['alice', 'bob', 'erin', 'postmaster']);
    expect((await find(w.A, { status: 'online' }, {}, w.a2.id)).names).toEqual([]);
    expect((await find(w.A, { status: 'offline' }, {}, w.a2.id)).names).toEqual(['frank']);
    expect((await find(w.A, { otp: true })).names).toEqual(['alice', 'frank']);
    expect((await find(w.root, { otp: true })).names).toEqual(['alice', 'frank', 'gina']);
  });

  it('a postmaster only ever sees its own domain, whatever the filters', async () => {
    const w = await world();
    const filterSets: AccountFilters[] = [
      { otp: true },
      { full: true },
      { forwarding: true },
      { idleDays: 30 },
      { service: { name: 'imap', on: false } },
      { service: { name: 'dav', on: true } },
      { status: 'offline' },
      { status: 'online', otp: true, full: true },
    ];
    for (const filters of filterSets) {
      const list = await listAccounts({ caller: w.pm, query: query({ pageSize: 100 }), filters });
      expect(list.rows.every((row) => row.domainId === w.a1.id), JSON.stringify(filters)).toBe(true);
      expect(list.total, JSON.stringify(filters)).toBe(list.rows.length);
      await expect(listAccounts({ caller: w.pm, query: query(), filters, domainId: w.b1.id })).rejects.toMatchObject({ code: 'notFound' });
    }
    expect((await find(w.pm, { status: 'offline' })).names).toEqual(['carol']);
    expect((await find(w.A, { forwarding: true })).names).toEqual(['bob']);
  });

  it('gives the same page whether it sorts all matches or walks the sort index', { timeout: 180_000 }, async () => {
    const w = await world();
    const scope = domainScope(w.root);
    const filterSets: AccountFilters[] = [{ otp: false }, { status: 'offline' }, { status: 'online' }, { idleDays: 30 }, { neverSignedIn: true }, { service: { name: 'imap', on: true } }];
    for (const domainId of [w.a1.id, w.a2.id, undefined]) {
      const listed = await listAccountDomains({ ex: t.db(), scope, id: domainId, limit: MERGE_MAX_DOMAINS });
      for (const filters of filterSets) {
        for (const sort of ['address', 'status', 'lastAccess'] as const) {
          for (const [limit, offset] of [[3, 0], [3, 3], [25, 0]] as const) {
            const args = { ex: t.db(), scope, domains: listed, criteria: accountCriteria('', filters), sort, dir: 'desc' as const, limit, offset };
            const label = `${JSON.stringify(filters)} ${sort} ${limit}+${offset} in ${domainId ?? 'all'}`;
            const sorted = await listAccountRows(args);
            const walked = await listAccountRows({ ...args, searchSortMax: 0 });
            const over = await listAccountRows({ ...args, searchSortMax: 1 });
            expect(walked.rows.map((r) => r.id), label).toEqual(sorted.rows.map((r) => r.id));
            expect(over.rows.map((r) => r.id), label).toEqual(sorted.rows.map((r) => r.id));
            expect(walked.total, label).toBe(sorted.total);
            expect(over.total, label).toBe(sorted.total);
          }
        }
      }
    }
  });

  it('follows a change: a mailbox that fills up or turns two-step on is found at once', async () => {
    const w = await world();
    await usage('bob@a1.example', 1 * MB);
    await t.db().update(mailboxes).set({ quotaBytes: MB }).where(eq(mailboxes.id, w.box.bob!.id));
    await t.db().update(mailboxes).set({ otpEnabledAt: new Date(), otpSecretEnc: 'x' }).where(eq(mailboxes.id, w.box.erin!.id));
    expect((await find(w.A, { full: true }, {}, w.a1.id)).names).toEqual(['alice', 'bob']);
    expect((await find(w.A, { otp: true }, {}, w.a1.id)).names).toEqual(['alice', 'erin']);
  });
});

describe('account list filters in the URL', () => {
  it('reads the valid ones and names the ones it refused', () => {
    expect(parseAccountFilters({ status: 'offline', full: '1', never: '1', idle: '90', otp: 'off', fwd: 'on', svc: 'imap-off' })).toEqual({
      filters: { status: 'offline', full: true, neverSignedIn: true, idleDays: 90, otp: false, forwarding: true, service: { name: 'imap', on: false } },
      refused: [],
    });
    expect(parseAccountFilters({ status: 'asleep', idle: '0', otp: 'maybe', svc: 'fax-on', full: '2', fwd: 'off', never: 'yes' })).toEqual({
      filters: {},
      refused: ['status', 'full', 'never', 'idle', 'otp', 'fwd', 'svc'],
    });
    expect(parseAccountFilters({ idle: '3651' }).refused).toEqual(['idle']);
    expect(parseAccountFilters({ idle: '1e3' }).refused).toEqual(['idle']);
    expect(parseAccountFilters({ status: 'online\u0000' }).refused).toEqual(['status']);
    expect(parseAccountFilters({ status: '', otp: ['on', 'off'] })).toEqual({ filters: { otp: true }, refused: [] });
  });
});
