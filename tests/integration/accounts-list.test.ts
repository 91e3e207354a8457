import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SORTS, listAccountDomains, listAccountRows, MERGE_MAX_DOMAINS, type AccountSort } from '@/db/queries/accounts';
import { domains, mailboxCounts, mailboxes, mailJobs } from '@/db/schema';
import { listAccounts } from '@/lib/accounts/list-accounts';
import { listFormatters } from '@/lib/accounts/list-format';
import type { Caller } from '@/lib/auth/caller';
import { domainScope } from '@/lib/auth/scope';

import { formatBytes, formatDateTime, formatNumber } from '@/lib/format';
import type { PageQuery } from '@/lib/pagination';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES, type DomainRow, type MailboxRow } from './helpers/fixtures';

const t = useTestDatabase();

beforeEach(() => resetTables(t.db()));

const MB = 1_048_576;
const HOUR = 3_600;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function query(over: Partial<PageQuery<AccountSort>> = {}): PageQuery<AccountSort> {
  return { page: 1, pageSize: 25, q: '', sort: 'address', dir: 'asc', ...over };
}

async function exec(statement: ReturnType<typeof sql>) {
  return (await t.db().execute(statement)) as unknown as { rows: Record<string, unknown>[] };
}

/** What Dovecot's quota_clone does: an upsert keyed by address. */
async function upsertUsage(address: string, bytes: number) {
  await exec(sql`insert into mailbox_usage (address, storage_bytes, messages) values (${address}, ${bytes}, 1)
    on conflict (address) do update set storage_bytes = excluded.storage_bytes, messages = excluded.messages`);
}

/** What Dovecot's last_login plugin does: one protocol column upserted at a time. */
async function upsertLogin(address: string, protocol: 'imap' | 'pop3' | 'smtp', epoch: number) {
  await exec(sql`insert into mailbox_last_login (address, ${sql.identifier(protocol)}) values (${address}, ${epoch})
    on conflict (address) do update set ${sql.identifier(protocol)} = excluded.${sql.identifier(protocol)}`);
}

/** What the Postfix policy service does: add to the address's 5-minute bucket. */
async function addSent(address: string, secondsAgo: number, messages: number) {
  await exec(sql`insert into mailbox_sent (address, bucket, messages)
    values (${address}, date_bin('5 minutes', now() - make_interval(secs => ${secondsAgo}), timestamptz '2000-01-01'), ${messages})
    on conflict (address, bucket) do update set messages = mailbox_sent.messages + excluded.messages`);
}

async function figures(address: string) {
  const [row] = await t
    .db()
    .select({ used: mailboxes.usedBytes, lastAccess: mailboxes.lastAccessAt, sent: mailboxes.sent24h, jobs: mailboxes.openJobs })
    .from(mailboxes)
    .where(eq(mailboxes.address, address));
  return row;
}

const locals = (rows: { address: string }[]) => rows.map((r) => r.address.slice(0, r.address.indexOf('@')));

type World = {
  root: Caller;
  A: Caller;
  B: Caller;
  a1: DomainRow;
  b1: DomainRow;
  pm: MailboxRow;
  box: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', MailboxRow>;
};

async function world(): Promise<World> {
  const db = t.db();
  const root = superadminCaller(await insertAdmin(db, { role: 'superadmin' }));
  const adminA = await insertAdmin(db);
  const adminB = await insertAdmin(db);
  const plan = await insertPlan(db);
  const a1 = await insertDomain(db, { adminId: adminA.id, planId: plan.id }, { name: 'a1.example' });
  const b1 = await insertDomain(db, { adminId: adminB.id, planId: plan.id }, { name: 'b1.example' });
  const pm = await insertMailbox(db, a1, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  await insertMailbox(db, b1, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  await insertMailbox(db, b1, 'zed');
  const box = {
    alice: await insertMailbox(db, a1, 'alice', { firstName: 'Alice', lastName: 'Smith' }),
    bob: await insertMailbox(db, a1, 'bob', { description: 'Sales desk' }),
    carol: await insertMailbox(db, a1, 'carol', { firstName: 'Carol', lastName: 'Østergaard' }),
    dave: await insertMailbox(db, a1, 'dave', { active: false }),
    erin: await insertMailbox(db, a1, 'erin'),
  };
  const now = nowSeconds();
  await upsertUsage('alice@a1.example', 5 * MB);
  await upsertUsage('bob@a1.example', 1 * MB);
  await upsertUsage('carol@a1.example', 3 * MB);
  await upsertUsage('dave@a1.example', 2 * MB);
  await upsertLogin('alice@a1.example', 'imap', now - HOUR);
  await upsertLogin('bob@a1.example', 'pop3', now - 48 * HOUR);
  await upsertLogin('erin@a1.example', 'smtp', now - 3 * HOUR);
  await db.update(mailboxes).set({ lastPanelLoginAt: new Date(Date.now() - 30 * 60_000) }).where(eq(mailboxes.id, box.carol.id));
  await addSent('alice@a1.example', 10 * 60, 5);
  await addSent('alice@a1.example', 2 * HOUR, 3);
  await addSent('alice@a1.example', 25 * HOUR, 100);
  await addSent('bob@a1.example', HOUR, 1);
  await addSent('erin@a1.example', 20 * 60, 2);
  await addSent('erin@a1.example', 23 * HOUR, 2);
  // A change still being applied by the mail servers.
  await db.insert(mailJobs).values({ address: 'erin@a1.example', mailboxId: box.erin.id, kind: 'kick' });
  return { root, A: adminCaller(adminA), B: adminCaller(adminB), a1, b1, pm, box };
}

describe('account list: scope', () => {
  it('shows an admin only its own domains, a postmaster only its domain, and refuses users', async () => {
    const w = await world();
    const mine = await listAccounts({ caller: w.A, query: query() });
    expect(locals(mine.rows)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'postmaster']);
    expect(mine.total).toBe(6);
    const theirs = await listAccounts({ caller: w.B, query: query() });
    expect(theirs.rows.map((r) => r.address)).toEqual(['postmaster@b1.example', 'zed@b1.example']);
    await expect(listAccounts({ caller: w.B, query: query(), domainId: w.a1.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect((await listAccounts({ caller: w.B, query: query({ q: 'alice' }) })).total).toBe(0);

    const pm = postmasterCaller(w.pm);
    expect((await listAccounts({ caller: pm, query: query() })).total).toBe(6);
    expect((await listAccounts({ caller: pm, query: query(), domainId: w.a1.id })).total).toBe(6);
    await expect(listAccounts({ caller: pm, query: query(), domainId: w.b1.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });

    expect((await listAccounts({ caller: w.root, query: query() })).total).toBe(8);
    await expect(listAccounts({ caller: userCaller(w.box.alice), query: query() })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(listAccounts({ caller: w.A, query: query(), domainId: 2 ** 40 })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
  });
});

describe('account list: columns', () => {
  it('shows status, usage of quota, last access (or never) and messages sent in the last 24 hours', async () => {
    const w = await world();
    const { rows } = await listAccounts({ caller: w.A, query: query(), domainId: w.a1.id });
    const by = Object.fromEntries(rows.map((r) => [r.address.split('@')[0], r]));
    expect(by.alice).toMatchObject({ status: 'online', usedBytes: 5 * MB, quotaBytes: 1_073_741_824, sent24h: 8, firstName: 'Alice' });
    expect(by.dave).toMatchObject({ status: 'offline', usedBytes: 2 * MB, lastAccessAt: null, sent24h: 0 });
    expect(by.erin).toMatchObject({ status: 'updating', sent24h: 4 });
    expect(by.postmaster).toMatchObject({ isPostmaster: true, usedBytes: 0, lastAccessAt: null, canToggle: false, canDelete: false });
    expect(Math.abs(by.alice!.lastAccessAt!.getTime() - Date.now() + HOUR * 1000)).toBeLessThan(10_000);
    expect(Math.abs(by.carol!.lastAccessAt!.getTime() - Date.now() + 30 * 60_000)).toBeLessThan(10_000);
    expect(by.bob).toMatchObject({ canToggle: true, canDelete: true });

    // Once the job is done the account is Online again; a deactivated domain makes every account Offline.
    await t.db().update(mailJobs).set({ state: 'done' });
    await t.db().update(domains).set({ active: false }).where(eq(domains.id, w.a1.id));
    const after = await listAccounts({ caller: w.A, query: query(), domainId: w.a1.id });
    expect(new Set(after.rows.map((r) => r.status))).toEqual(new Set(['offline']));
  });

  it('offers a postmaster only what its domain allows, and never anything destructive on itself', async () => {
    const w = await world();
    const pm = postmasterCaller(w.pm);
    await t.db().update(domains).set({ pmCanToggle: true, pmCanDelete: false }).where(eq(domains.id, w.a1.id));
    let rows = (await listAccounts({ caller: pm, query: query() })).rows;
    expect(rows.find((r) => r.address.startsWith('bob@'))).toMatchObject({ canToggle: true, canDelete: false });
    expect(rows.find((r) => r.isPostmaster)).toMatchObject({ canToggle: false, canDelete: false });
    await t.db().update(domains).set({ pmCanToggle: false, pmCanDelete: true }).where(eq(domains.id, w.a1.id));
    const list = await listAccounts({ caller: pm, query: query() });
    rows = list.rows;
    expect(rows.find((r) => r.address.startsWith('bob@'))).toMatchObject({ canToggle: false, canDelete: true });
    expect(list.creatable.map((d) => d.id)).toEqual([w.a1.id]);
    await t.db().update(domains).set({ pmCanCreate: false }).where(eq(domains.id, w.a1.id));
    expect((await listAccounts({ caller: pm, query: query() })).creatable).toEqual([]);
    expect((await listAccounts({ caller: w.A, query: query() })).creatable.map((d) => d.id)).toEqual([w.a1.id]);
  });
});

describe('account list: sorting', () => {
  // alice: 5 MB, imap 1 h ago, 8 sent · bob: 1 MB, pop3 48 h ago, 1 sent · carol: 3 MB, panel 30 min ago
  // dave: 2 MB, offline, never · erin: 0, smtp 3 h ago, 4 sent, updating · postmaster: 0, never
  const expected: Record<AccountSort, string[]> = {
    address: ['alice', 'bob', 'carol', 'dave', 'erin', 'postmaster'],
    // Updating, Online (by id), Offline.
    status: ['erin', 'postmaster', 'alice', 'bob', 'carol', 'dave'],
    // Equal values by id: postmaster (created first), then erin.
    storage: ['postmaster', 'erin', 'bob', 'dave', 'carol', 'alice'],
    // Never first (by id), then the oldest.
    lastAccess: ['postmaster', 'dave', 'bob', 'erin', 'alice', 'carol'],
    sent: ['postmaster', 'carol', 'dave', 'bob', 'erin', 'alice'],
  };

  it.each(ACCOUNT_SORTS)('sorts by %s both ways, in one domain and across domains', async (sort) => {
    const w = await world();
    const asc = await listAccounts({ caller: w.A, query: query({ sort, dir: 'asc' }), domainId: w.a1.id });
    expect(locals(asc.rows)).toEqual(expected[sort]);
    const desc = await listAccounts({ caller: w.A, query: query({ sort, dir: 'desc' }), domainId: w.a1.id });
    expect(locals(desc.rows)).toEqual([...expected[sort]].reverse());
    // Page by page gives the same order.
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      pages.push(...locals((await listAccounts({ caller: w.A, query: query({ sort, dir: 'desc', page, pageSize: 2 }), domainId: w.a1.id })).rows));
    }
    expect(pages).toEqual([...expected[sort]].reverse());
  });

  it('merges the order of several domains, deactivated ones included, and falls back past the merge limit', async () => {
    const w = await world();
    const db = t.db();
    const a2 = await insertDomain(db, { adminId: w.A.id, planId: w.a1.planId }, { name: 'a2.example', active: false });
    await insertMailbox(db, a2, 'amy');
    await insertMailbox(db, a2, 'zoe');
    await upsertUsage('amy@a2.example', 4 * MB);
    await db.update(mailboxes).set({ active: false }).where(eq(mailboxes.address, 'zoe@a2.example'));

    const check = async () => {
      const status = await listAccounts({ caller: w.A, query: query({ sort: 'status' }) });
      // Updating; Online (a1 only: a2 is deactivated); Offline (dave, then a2's by id).
      // Ties of what is shown keep the underlying order (Online before Offline), then the id.
      expect(locals(status.rows)).toEqual(['erin', 'postmaster', 'alice', 'bob', 'carol', 'amy', 'dave', 'zoe']);
      expect(status.rows.slice(-3).map((r) => r.status)).toEqual(['offline', 'offline', 'offline']);
      const storage = await listAccounts({ caller: w.A, query: query({ sort: 'storage', dir: 'desc', page: 2, pageSize: 3 }) });
      // alice 5, amy 4, carol 3 | dave 2, bob 1, then the zeros by id descending: zoe | erin, postmaster
      expect(locals(storage.rows)).toEqual(['dave', 'bob', 'zoe']);
      expect(storage.total).toBe(8);
      const address = await listAccounts({ caller: w.A, query: query({ q: 'a2.example' }) });
      expect(address.rows.map((r) => r.address)).toEqual(['amy@a2.example', 'zoe@a2.example']);
      expect(address.total).toBe(2);
    };
    await check();
    // With more domains than are merged per domain, one query over the scope gives the same pages.
    for (let i = 0; i < MERGE_MAX_DOMAINS; i++) {
      await insertDomain(db, { adminId: w.A.id, planId: w.a1.planId }, { name: `filler${i}.example` });
    }
    const all = await listAccounts({ caller: w.A, query: query() });
    expect(all.moreDomains).toBe(true);
    await check();
  });
});

describe('account list: deep pages', () => {
  it.each(ACCOUNT_SORTS)('by %s: pages past the middle (read from the far end) are the same rows as reading forwards', async (sort) => {
    const w = await world();
    const db = t.db();
    const a2 = await insertDomain(db, { adminId: w.A.id, planId: w.a1.planId }, { name: 'a2.example' });
    // Ties, empty figures and both domains, so every tie-break matters.
    for (let i = 0; i < 17; i++) {
      const domain = i % 3 === 0 ? a2 : w.a1;
      const box = await insertMailbox(db, domain, `deep${String(i).padStart(2, '0')}`, { active: i % 5 !== 0 });
      if (i % 2 === 0) await upsertUsage(box.address, (i % 4) * MB);
      if (i % 3 === 1) await upsertLogin(box.address, 'imap', nowSeconds() - (i % 2) * HOUR);
      if (i % 4 === 0) await addSent(box.address, 60, i % 3);
    }
    for (const [domainId, size] of [[w.a1.id, 17], [undefined, 23]] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const whole = await listAccounts({ caller: w.A, query: query({ sort, dir, pageSize: 100 }), domainId });
        expect(whole.rows).toHaveLength(size);
        for (const pageSize of [4, 7]) {
          const pages = [];
          for (let page = 1; (page - 1) * pageSize < size + pageSize; page++) {
            const list = await listAccounts({ caller: w.A, query: query({ sort, dir, page, pageSize }), domainId });
            expect(list.total).toBe(size);
            pages.push(...list.rows.map((r) => r.id));
          }
          expect(pages, `${sort} ${dir} by ${pageSize} in ${domainId ?? 'all domains'}`).toEqual(whole.rows.map((r) => r.id));
        }
      }
    }
  });
});

describe('account list: a search with few matches or many', () => {
  it.each(ACCOUNT_SORTS)('by %s: sorting all the matches gives the pages and total of walking the index', async (sort) => {
    const w = await world();
    const db = t.db();
    const off = await insertDomain(db, { adminId: w.A.id, planId: w.a1.planId }, { name: 'off.example', active: false });
    // Ties, empty figures, an Updating account and a deactivated domain, so every tie-break matters.
    for (let i = 0; i < 15; i++) {
      const domain = i % 4 === 0 ? off : w.a1;
      const box = await insertMailbox(db, domain, `${i % 3 === 2 ? 'other' : 'match'}${String(i).padStart(2, '0')}`, { active: i % 5 !== 0 });
      if (i % 2 === 0) await upsertUsage(box.address, (i % 4) * MB);
      if (i % 3 === 1) await upsertLogin(box.address, 'imap', nowSeconds() - (i % 2) * HOUR);
      if (i % 4 === 1) await addSent(box.address, 60, i % 3);
      if (i === 7) await db.insert(mailJobs).values({ address: box.address, mailboxId: box.id, kind: 'kick' });
    }
    const scope = domainScope(w.A);
    for (const domainId of [w.a1.id, undefined]) {
      const listed = await listAccountDomains({ ex: db, scope, id: domainId, limit: MERGE_MAX_DOMAINS });
      for (const [patterns, matches] of [[['%match%'], domainId ? 7 : 10], [['%nobody%'], 0], [['%match0%', '%other%'], domainId ? 9 : 12]] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const [limit, offset] of [[4, 0], [4, 4], [7, 7], [25, 0], [5, 40]] as const) {
            const args = { ex: db, scope, domains: listed, criteria: { patterns: [...patterns], filters: {} }, sort, dir, limit, offset };
            const sorted = await listAccountRows(args);
            const walked = await listAccountRows({ ...args, searchSortMax: 0 });
            const label = `${patterns.join(' ')} ${dir} ${limit}+${offset} in ${domainId ?? 'all domains'}`;
            expect(sorted.total, label).toBe(matches);
            expect(sorted.rows.map((r) => r.id), label).toEqual(walked.rows.map((r) => r.id));
            expect(walked.total, label).toBe(matches);
            // Past the limit, the sorted read gives way to the walk: still the same page.
            const over = await listAccountRows({ ...args, searchSortMax: 3 });
            expect(over.rows.map((r) => r.id), label).toEqual(walked.rows.map((r) => r.id));
            expect(over.total, label).toBe(matches);
          }
        }
      }
    }
  });
});

describe('account list: search and pages', () => {
  it('finds accounts by address, first or last name and description, case-insensitively', async () => {
    const w = await world();
    const find = async (q: string) => locals((await listAccounts({ caller: w.A, query: query({ q }), domainId: w.a1.id })).rows);
    expect(await find('ALI')).toEqual(['alice']);
    expect(await find('smith')).toEqual(['alice']);
    expect(await find('alice smith')).toEqual(['alice']);
    expect(await find('sales')).toEqual(['bob']);
    expect(await find('Øster')).toEqual(['carol']);
    expect(await find('ol@a1')).toEqual(['carol']);
    expect(await find('100%')).toEqual([]);
    expect(await find('nobody')).toEqual([]);
    const found = await listAccounts({ caller: w.A, query: query({ q: 'a1.example', sort: 'storage', dir: 'desc', pageSize: 2 }), domainId: w.a1.id });
    expect(locals(found.rows)).toEqual(['alice', 'carol']);
    expect(found.total).toBe(6);
  });

  it('finds an address typed with its Unicode domain', async () => {
    const w = await world();
    const idn = await insertDomain(t.db(), { adminId: w.A.id, planId: w.a1.planId }, { name: 'xn--bcher-kva.de' });
    await insertMailbox(t.db(), idn, 'anna');
    for (const q of ['anna@bücher.de', 'bücher', 'BÜCHER.de']) {
      const found = await listAccounts({ caller: w.A, query: query({ q }) });
      expect(found.rows.map((r) => r.address)).toEqual(['anna@xn--bcher-kva.de']);
    }
  });

  it('pages on the server and counts the total, which follows creations and deletions', async () => {
    const w = await world();
    for (let i = 0; i < 30; i++) await insertMailbox(t.db(), w.a1, `bulk${String(i).padStart(2, '0')}`);
    const first = await listAccounts({ caller: w.A, query: query({ pageSize: 25 }), domainId: w.a1.id });
    expect(first.total).toBe(36);
    expect(first.rows).toHaveLength(25);
    const second = await listAccounts({ caller: w.A, query: query({ page: 2, pageSize: 25 }), domainId: w.a1.id });
    expect(second.rows).toHaveLength(11);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(36);
    const beyond = await listAccounts({ caller: w.A, query: query({ page: 9, pageSize: 25 }), domainId: w.a1.id });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(36);

    await t.db().delete(mailboxes).where(sql`${mailboxes.localPart} like 'bulk1%'`);
    expect((await listAccounts({ caller: w.A, query: query(), domainId: w.a1.id })).total).toBe(26);
    const counts = await t.db().select({ domainId: mailboxCounts.domainId, accounts: mailboxCounts.accounts }).from(mailboxCounts).orderBy(mailboxCounts.domainId);
    expect(counts).toEqual([
      { domainId: w.a1.id, accounts: 26 },
      { domainId: w.b1.id, accounts: 2 },
    ]);
    expect((await listAccounts({ caller: w.A, query: query({ q: 'bulk' }), domainId: w.a1.id })).total).toBe(20);
  });
});

describe('account list: the figures kept in step by triggers', () => {
  it('follows mail_usage and last-login upserts, panel sign-ins and deletions', async () => {
    const w = await world();
    const alice = 'alice@a1.example';
    await upsertUsage(alice, 7 * MB);
    expect((await figures(alice))?.used).toBe(7 * MB);
    await exec(sql`delete from mailbox_usage where address = ${alice}`);
    expect((await figures(alice))?.used).toBe(0);

    const now = nowSeconds();
    await upsertLogin(alice, 'pop3', now - 10);
    expect((await figures(alice))?.lastAccess?.getTime()).toBe((now - 10) * 1000);
    // An older value in another column does not move it back.
    await upsertLogin(alice, 'smtp', now - 5000);
    expect((await figures(alice))?.lastAccess?.getTime()).toBe((now - 10) * 1000);
    // A later panel sign-in wins; an earlier protocol value stays behind it.
    const panel = new Date((now + 60) * 1000);
    await t.db().update(mailboxes).set({ lastPanelLoginAt: panel }).where(eq(mailboxes.address, alice));
    expect((await figures(alice))?.lastAccess?.getTime()).toBe(panel.getTime());
    await upsertLogin(alice, 'imap', now + 120);
    expect((await figures(alice))?.lastAccess?.getTime()).toBe((now + 120) * 1000);
    await exec(sql`delete from mailbox_last_login where address = ${alice}`);
    expect((await figures(alice))?.lastAccess?.getTime()).toBe(panel.getTime());

    // Whatever an INSERT claims, a new mailbox starts from the truth.
    const fresh = await insertMailbox(t.db(), w.a1, 'fresh', { usedBytes: 99, sent24h: 99, openJobs: 3 } as never);
    expect(await figures(fresh.address)).toEqual({ used: 0, lastAccess: null, sent: 0, jobs: 0 });
  });

  it('counts sent messages of the last 24 hours only, through inserts, updates, deletes and the passing of time', async () => {
    await world();
    const alice = 'alice@a1.example';
    expect((await figures(alice))?.sent).toBe(8);
    await addSent(alice, 60, 4);
    expect((await figures(alice))?.sent).toBe(12);
    await exec(sql`update mailbox_sent set messages = 1 where address = ${alice} and bucket < now() - interval '24 hours'`);
    expect((await figures(alice))?.sent).toBe(12);
    await exec(sql`delete from mailbox_sent where address = ${alice} and bucket > now() - interval '3 hours' and bucket < now() - interval '1 hour'`);
    expect((await figures(alice))?.sent).toBe(9);

    // Time passes: pretend the window was last moved two days ago, so a bucket 30 h old written then was
    // still counted; the list moves the window to now and it drops out.
    await exec(sql`delete from mailbox_sent where bucket < now() - interval '24 hours'`);
    expect((await figures(alice))?.sent).toBe(9);
    await exec(sql`update mailbox_sent_window set counted_after = now() - interval '48 hours'`);
    await addSent(alice, 30 * HOUR, 50);
    expect((await figures(alice))?.sent).toBe(59);
    const [row] = (await listAccounts({ caller: adminCaller({ id: 2, email: 'x' }), query: query({ q: 'alice' }) })).rows;
    expect(row?.sent24h).toBe(9);
    expect((await figures(alice))?.sent).toBe(9);
    const window = await exec(sql`select counted_after > now() - interval '24 hours 1 minute' as moved from mailbox_sent_window`);
    expect(window.rows[0]?.moved).toBe(true);
    // Nothing more aged out: another call changes nothing.
    expect((await exec(sql`select mailbox_sent_decay() as n`)).rows[0]?.n).toBe(0);
    // The erin buckets (20 min and 23 h old) are both still counted.
    expect((await figures('erin@a1.example'))?.sent).toBe(4);
  });

  it('shows Updating while a job is pending, running or failed, and survives the account going', async () => {
    const w = await world();
    const bob = w.box.bob;
    const [job] = await t.db().insert(mailJobs).values({ address: bob.address, mailboxId: bob.id, kind: 'kick' }).returning();
    await t.db().insert(mailJobs).values({ address: bob.address, mailboxId: bob.id, kind: 'kick', state: 'running' });
    expect((await figures(bob.address))?.jobs).toBe(2);
    await t.db().update(mailJobs).set({ state: 'running' }).where(eq(mailJobs.id, job!.id));
    expect((await figures(bob.address))?.jobs).toBe(2);
    await t.db().update(mailJobs).set({ state: 'done' }).where(eq(mailJobs.id, job!.id));
    expect((await figures(bob.address))?.jobs).toBe(1);
    // A failed job has not been applied: still Updating (migration 0007), until retried and done.
    await t.db().update(mailJobs).set({ state: 'failed' }).where(eq(mailJobs.address, bob.address));
    expect((await figures(bob.address))?.jobs).toBe(2);
    await t.db().update(mailJobs).set({ state: 'pending' }).where(eq(mailJobs.id, job!.id));
    expect((await figures(bob.address))?.jobs).toBe(2);
    await t.db().update(mailJobs).set({ state: 'done' }).where(eq(mailJobs.address, bob.address));
    expect((await figures(bob.address))?.jobs).toBe(0);
    await t.db().update(mailJobs).set({ state: 'pending' }).where(eq(mailJobs.id, job!.id));
    expect((await figures(bob.address))?.jobs).toBe(1);
    await t.db().delete(mailJobs).where(eq(mailJobs.id, job!.id));
    expect((await figures(bob.address))?.jobs).toBe(0);
    // Deleting an account with open jobs keeps the jobs (mailbox_id set null) and fails nothing.
    await t.db().insert(mailJobs).values({ address: bob.address, mailboxId: bob.id, kind: 'kick' });
    await t.db().delete(mailboxes).where(eq(mailboxes.id, bob.id));
    expect(await figures(bob.address)).toBeUndefined();
  });

  it('mailbox_list_refresh() repairs every figure from the sources', async () => {
    await world();
    const before = await t.db().select({ a: mailboxes.address, u: mailboxes.usedBytes, l: mailboxes.lastAccessAt, s: mailboxes.sent24h, j: mailboxes.openJobs }).from(mailboxes).orderBy(mailboxes.id);
    await exec(sql`update mailboxes set used_bytes = 1, last_access_at = null, sent_24h = 77, open_jobs = 5`);
    await exec(sql`update mailbox_counts set accounts = 0`);
    expect((await exec(sql`select mailbox_list_refresh() as n`)).rows[0]?.n).toBe(before.length);
    const after = await t.db().select({ a: mailboxes.address, u: mailboxes.usedBytes, l: mailboxes.lastAccessAt, s: mailboxes.sent24h, j: mailboxes.openJobs }).from(mailboxes).orderBy(mailboxes.id);
    expect(after).toEqual(before);
    expect((await t.db().select().from(mailboxCounts)).map((c) => c.accounts).sort()).toEqual([2, 6]);
  });
});

describe('account list: formatting', () => {
  it('formats exactly as lib/format does, in the viewer’s language and time zone', () => {
    const when = new Date('2024-03-31T00:30:00Z');
    for (const [language, zone] of [['en', 'UTC'], ['it', 'Europe/Rome'], ['en', 'America/New_York']] as const) {
      const f = listFormatters(language, zone);
      expect(f.dateTime(when)).toBe(formatDateTime(when, language, zone));
      for (const bytes of [0, 1023, 1024, 1536, 52_428_800, 5 * 1_073_741_824 + 123_456_789, 3 * 1_099_511_627_776]) {
        expect(f.bytes(bytes)).toBe(formatBytes(bytes, language));
      }
      expect(f.number(1234567)).toBe(formatNumber(1234567, language));
    }
    expect(listFormatters('it', 'Europe/Rome').dateTime(when)).toContain('01:30');
  });
});
