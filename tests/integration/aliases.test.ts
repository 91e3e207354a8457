import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { aliases, auditLog, domains, mailboxes, plans } from '@/db/schema';
import { createAccountAtOnce } from '@/lib/accounts/wizard/create-account-at-once';
import { createAlias } from '@/lib/aliases/create-alias';
import { getAlias, listAliases } from '@/lib/aliases/list-aliases';
import { deleteAlias, updateAlias } from '@/lib/aliases/update-alias';
import { updateDomainSettings } from '@/lib/domains/update-domain';
import { updatePlan } from '@/lib/plans/write-plans';
import { planToFormValues } from '@/lib/validations/plan';
import type { Caller } from '@/lib/auth/caller';
import { isFailure } from '@/lib/failure';
import { adminCaller, postmasterCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { SQLSTATE, violationOf } from './helpers/errors';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, mailboxValues, POSTMASTER_QUOTA_BYTES, type DomainRow } from './helpers/fixtures';

// Aliases (issue 17): one address space per domain shared with accounts, enforced by the database under
// concurrency; the plan's aliases per domain; loops and chains refused at save; who may manage them.

const t = useTestDatabase();
let superadmin: Caller;
let owner: Caller;
let otherAdmin: Caller;
let domain: DomainRow;
let other: DomainRow;
let postmaster: Caller;
let planId: number;

const query = { page: 1, pageSize: 25, q: '', sort: 'address' as const, dir: 'asc' as const };
const newAlias = (localPart: string, targets: string[], extra: Record<string, unknown> = {}) => ({ localPart, targets, description: '', ...extra });

beforeEach(async () => {
  const db = t.db();
  await resetTables(db);
  const sa = await insertAdmin(db, { role: 'superadmin' });
  const a = await insertAdmin(db);
  const b = await insertAdmin(db);
  superadmin = superadminCaller(sa);
  owner = adminCaller(a);
  otherAdmin = adminCaller(b);
  const plan = await insertPlan(db, { maxAliases: 100 });
  planId = plan.id;
  domain = await insertDomain(db, { adminId: a.id, planId: plan.id }, { name: 'alpha.example' });
  other = await insertDomain(db, { adminId: b.id, planId: plan.id }, { name: 'beta.example' });
  const pm = await insertMailbox(db, domain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES });
  postmaster = postmasterCaller(pm);
  await insertMailbox(db, domain, 'anna');
  await insertMailbox(db, other, 'bob');
});

async function create(caller: Caller, localPart: string, targets: string[], extra: Record<string, unknown> = {}, domainId = domain.id) {
  return createAlias({ caller, ip: '192.0.2.1', domainId, input: newAlias(localPart, targets, extra) });
}

async function mustCreate(localPart: string, targets: string[], domainId = domain.id) {
  const result = await create(owner, localPart, targets, {}, domainId);
  if (!result.ok) throw new Error(`could not create ${localPart}: ${JSON.stringify(result)}`);
  return result.data;
}

function fieldErrorOf(result: { ok: boolean; fieldErrors?: Record<string, string> }, field: string) {
  expect(result.ok).toBe(false);
  return result.fieldErrors?.[field];
}

describe('aliases: create, list, read, update, delete', () => {
  it('creates an alias delivering to a local account, another domain and an external address, lists, searches, sorts and audits it', async () => {
    const created = await create(owner, 'Info', ['anna@alpha.example', 'bob@beta.example', 'Someone@Elsewhere.example'], { description: 'Front desk' });
    expect(created.ok).toBe(true);
    await mustCreate('sales', ['anna@alpha.example']);
    const list = await listAliases({ caller: owner, query, domainId: domain.id });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => r.address)).toEqual(['info@alpha.example', 'sales@alpha.example']);
    expect(list.rows[0]!.targets).toEqual(['anna@alpha.example', 'bob@beta.example', 'someone@elsewhere.example']);
    const desc = await listAliases({ caller: owner, query: { ...query, dir: 'desc' }, domainId: domain.id });
    expect(desc.rows.map((r) => r.address)).toEqual(['sales@alpha.example', 'info@alpha.example']);
    const found = await listAliases({ caller: owner, query: { ...query, q: 'FRONT' }, domainId: domain.id });
    expect(found.rows.map((r) => r.address)).toEqual(['info@alpha.example']);
    const paged = await listAliases({ caller: owner, query: { ...query, pageSize: 1, page: 2 }, domainId: domain.id });
    expect([paged.total, paged.rows.map((r) => r.address)]).toEqual([2, ['sales@alpha.example']]);
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'alias.create')).limit(1);
    expect(audit).toMatchObject({ targetType: 'alias', targetLabel: 'info@alpha.example', domainName: 'alpha.example' });
  });

  it('updates as a whole with the version read, refuses a stale version, and deletes (the address is free again)', async () => {
    const { id } = await mustCreate('info', ['anna@alpha.example']);
    const saved = await updateAlias({ caller: owner, ip: null, id, input: { version: 1, description: 'x', active: false, targets: ['bob@beta.example'] } });
    expect(saved).toEqual({ ok: true, data: { version: 2 } });
    const read = await getAlias({ caller: owner, id });
    expect([read.active, read.receiving, read.targets, read.description]).toEqual([false, false, ['bob@beta.example'], 'x']);
    const stale = await updateAlias({ caller: owner, ip: null, id, input: { version: 1, description: 'y', active: true, targets: ['bob@beta.example'] } });
    expect(stale.ok).toBe(false);
    expect(stale.ok ? null : stale.formError).toBe('errors.conflict');
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'alias.update'));
    expect(audit!.details).toMatchObject({ before: { active: true }, after: { active: false } });
    expect((await deleteAlias({ caller: owner, ip: null, id })).ok).toBe(true);
    await expect(getAlias({ caller: owner, id })).rejects.toSatisfy((e) => isFailure(e, 'notFound'));
    expect((await create(owner, 'info', ['anna@alpha.example'])).ok).toBe(true);
  });
});

describe('aliases: one address space per domain', () => {
  it('refuses an alias on an account’s address, and an account on an alias’s, with the wizard’s "address taken"', async () => {
    expect(fieldErrorOf(await create(owner, 'anna', ['bob@beta.example']), 'localPart')).toMatch(/^wizard\.errors\.addressTaken/);
    await mustCreate('info', ['anna@alpha.example']);
    const account = await createAccountAtOnce({
      caller: owner,
      ip: null,
      domainId: domain.id,
      input: {
        account: { firstName: 'New', lastName: '', description: '', localPart: 'info', passwordMode: 'generate' },
        services: { quotaBytes: 1_073_741_824, services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false } },
        security: { forcePasswordChange: true, passwordExpiryMonths: 0, blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: [], apiAccess: false },
        options: { forwards: [], forwardKeepCopy: true, spamToInbox: false },
      },
    });
    expect(fieldErrorOf(account, 'account.localPart')).toMatch(/^wizard\.errors\.addressTaken/);
    // The same local part in another domain is another address.
    expect((await create(owner, 'anna', ['anna@alpha.example'], {}, domain.id)).ok).toBe(false);
    expect((await createAlias({ caller: superadmin, ip: null, domainId: other.id, input: newAlias('anna', ['bob@beta.example']) })).ok).toBe(true);
  });

  it('the database itself refuses an alias row on an account’s address and an account row on an alias’s (address_space_key)', async () => {
    const db = t.db();
    const alias = await violationOf(db.insert(aliases).values({ domainId: domain.id, localPart: 'anna', address: 'anna@alpha.example' }));
    expect([alias.code, alias.constraint]).toEqual([SQLSTATE.uniqueViolation, 'address_space_key']);
    await mustCreate('info', ['anna@alpha.example']);
    const account = await violationOf(db.insert(mailboxes).values(mailboxValues(domain, 'info')));
    expect([account.code, account.constraint]).toEqual([SQLSTATE.uniqueViolation, 'address_space_key']);
    // The alias's address is written from its domain's name, whatever the insert said.
    const [row] = await db.insert(aliases).values({ domainId: domain.id, localPart: 'x', address: 'x@elsewhere.example' }).returning();
    expect(row!.address).toBe('x@alpha.example');
  });

  it('50 concurrent creations of the same alias: exactly one wins, the others are told the address is taken', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => create(owner, 'race', ['anna@alpha.example'])));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(fieldErrorOf(r, 'localPart')).toMatch(/^wizard\.errors\.addressTaken/);
    const rows = await t.db().select().from(aliases).where(eq(aliases.localPart, 'race'));
    expect(rows).toHaveLength(1);
  });

  it('an alias and an account created at once for one address: exactly one exists afterwards', async () => {
    for (let round = 0; round < 5; round += 1) {
      const localPart = `both${round}`;
      const account = createAccountAtOnce({
        caller: owner,
        ip: null,
        domainId: domain.id,
        input: {
          account: { firstName: 'New', lastName: '', description: '', localPart, passwordMode: 'set', password: 'Correct-Horse-Battery-9', confirmPassword: 'Correct-Horse-Battery-9' },
          services: { quotaBytes: 1_073_741_824, services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false } },
          security: { forcePasswordChange: false, passwordExpiryMonths: 0, blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: [], apiAccess: false },
          options: { forwards: [], forwardKeepCopy: true, spamToInbox: false },
        },
      });
      const alias = create(owner, localPart, ['anna@alpha.example']);
      const outcomes = await Promise.all([account, alias]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const accounts = await t.db().select().from(mailboxes).where(and(eq(mailboxes.domainId, domain.id), eq(mailboxes.localPart, localPart)));
      const aliasRows = await t.db().select().from(aliases).where(and(eq(aliases.domainId, domain.id), eq(aliases.localPart, localPart)));
      expect(accounts.length + aliasRows.length).toBe(1);
    }
  });

  it('raw inserts racing in two transactions (no panel lock): the trigger’s lock lets exactly one commit', async () => {
    const db = t.db();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // The account's transaction stays open well after the alias's insert starts.
    const outcomes = await Promise.allSettled([
      db.transaction(async (tx) => {
        await tx.insert(mailboxes).values(mailboxValues(domain, 'rawrace'));
        await pause(400);
      }),
      db.transaction(async (tx) => {
        await pause(100);
        await tx.insert(aliases).values({ domainId: domain.id, localPart: 'rawrace', address: 'rawrace@alpha.example' });
      }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const accounts = await db.select().from(mailboxes).where(eq(mailboxes.localPart, 'rawrace'));
    const aliasRows = await db.select().from(aliases).where(eq(aliases.localPart, 'rawrace'));
    expect(accounts.length + aliasRows.length).toBe(1);
  });

  it('one transaction creating 40,000 accounts (an import, a seed) takes no lock per address', async () => {
    // A lock per address lives in the server's shared lock table (64 × max_connections entries by default):
    // a seed of 100,000 in one transaction failed with "out of shared memory".
    await t.db().transaction(async (tx) => {
      for (let start = 0; start < 40_000; start += 1000) {
        await tx.insert(mailboxes).values(Array.from({ length: 1000 }, (_, i) => mailboxValues(domain, `bulk${start + i}`)));
      }
    });
    const [n] = await t.db().select({ n: sql<number>`count(*)::int` }).from(mailboxes).where(sql`${mailboxes.localPart} like 'bulk%'`);
    expect(Number(n!.n)).toBe(40_000);
  }, 120_000);
});

describe('aliases: the plan’s aliases per domain', () => {
  it('20 concurrent creations in a domain whose plan allows 3: exactly 3 aliases', async () => {
    await t.db().update(plans).set({ maxAliases: 3 }).where(eq(plans.id, planId));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create(owner, `limit${i}`, ['anna@alpha.example'])));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) expect(fieldErrorOf(r, 'localPart')).toMatch(/^aliases\.errors\.planLimit/);
    const [n] = await t.db().select({ n: sql<number>`count(*)::int` }).from(aliases).where(eq(aliases.domainId, domain.id));
    expect(Number(n!.n)).toBe(3);
  });
});

describe('aliases: targets, loops and chains', () => {
  it('resolves alias → alias → account, and refuses a loop back (a → b → a) with a clear message', async () => {
    await mustCreate('b', ['anna@alpha.example']);
    await mustCreate('a', ['b@alpha.example']);
    const b = (await listAliases({ caller: owner, query: { ...query, q: 'b@' }, domainId: domain.id })).rows[0]!;
    const loop = await updateAlias({ caller: owner, ip: null, id: b.id, input: { version: 1, description: '', active: true, targets: ['a@alpha.example'] } });
    expect(fieldErrorOf(loop, 'targets')).toMatch(/^aliases\.errors\.loop/);
    // Across domains too.
    await mustCreate('c', ['a@alpha.example'], domain.id);
    const back = await createAlias({ caller: superadmin, ip: null, domainId: other.id, input: newAlias('d', ['c@alpha.example']) });
    expect(back.ok).toBe(true);
    const cRow = (await listAliases({ caller: owner, query: { ...query, q: 'c@' }, domainId: domain.id })).rows[0]!;
    const cross = await updateAlias({ caller: owner, ip: null, id: cRow.id, input: { version: 1, description: '', active: true, targets: ['d@beta.example'] } });
    expect(fieldErrorOf(cross, 'targets')).toMatch(/^aliases\.errors\.loop/);
  });

  it('refuses itself, an unknown address of a hosted domain, and a chain longer than 5 aliases', async () => {
    expect(fieldErrorOf(await create(owner, 'me', ['me@alpha.example']), 'targets')).toMatch(/^aliases\.errors\.targetSelf/);
    expect(fieldErrorOf(await create(owner, 'x', ['nobody@beta.example']), 'targets')).toMatch(/^aliases\.errors\.targetUnknown/);
    await mustCreate('c1', ['anna@alpha.example']);
    for (let i = 2; i <= 5; i += 1) await mustCreate(`c${i}`, [`c${i - 1}@alpha.example`]);
    expect(fieldErrorOf(await create(owner, 'c6', ['c5@alpha.example']), 'targets')).toMatch(/^aliases\.errors\.chainTooLong/);
    expect(fieldErrorOf(await create(owner, 'bad', ['not an address']), 'targets')).toMatch(/^aliases\.errors\.targetInvalid/);
  });
});

describe('aliases: who may', () => {
  it('a postmaster only where its domain lets it manage aliases; another admin’s domain is not found', async () => {
    await expect(create(postmaster, 'pm', ['anna@alpha.example'])).rejects.toSatisfy((e) => isFailure(e, 'forbidden'));
    await expect(listAliases({ caller: postmaster, query })).rejects.toSatisfy((e) => isFailure(e, 'forbidden'));
    await t.db().update(domains).set({ pmCanManageAliases: true }).where(eq(domains.id, domain.id));
    expect((await create(postmaster, 'pm', ['anna@alpha.example'])).ok).toBe(true);
    expect((await listAliases({ caller: postmaster, query })).total).toBe(1);
    await expect(create(otherAdmin, 'x', ['anna@alpha.example'])).rejects.toSatisfy((e) => isFailure(e, 'notFound'));
    await expect(listAliases({ caller: otherAdmin, query, domainId: domain.id })).rejects.toSatisfy((e) => isFailure(e, 'notFound'));
    expect((await listAliases({ caller: otherAdmin, query })).total).toBe(0);
  });
});

describe('aliases: the switch and the limit are set where the others are', () => {
  it('the domain settings turn "may manage aliases" on (left out, it stays), and the plan form sets aliases per domain', async () => {
    const [d] = await t.db().select().from(domains).where(eq(domains.id, domain.id));
    const form = { version: d!.version, services: { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false }, defaultStorageBytes: null, pmCanCreate: true, pmCanDelete: false, pmCanToggle: true, pmCanChangeLimits: false };
    const on = await updateDomainSettings({ caller: owner, ip: null, id: domain.id, input: { ...form, pmCanManageAliases: true } });
    expect(on.ok).toBe(true);
    const kept = await updateDomainSettings({ caller: owner, ip: null, id: domain.id, input: { ...form, version: on.ok ? on.data.version : 0, pmCanCreate: false } });
    expect(kept.ok).toBe(true);
    const [after] = await t.db().select().from(domains).where(eq(domains.id, domain.id));
    expect([after!.pmCanManageAliases, after!.pmCanCreate]).toEqual([true, false]);
    expect((await create(postmaster, 'bypm', ['anna@alpha.example'])).ok).toBe(true);

    const [plan] = await t.db().select().from(plans).where(eq(plans.id, planId));
    const saved = await updatePlan({ caller: superadmin, ip: null, id: planId, input: { ...planToFormValues({ ...plan!, userDetailFields: plan!.userDetailFields }), maxAliases: '1' } });
    expect(saved.ok).toBe(true);
    const [narrowed] = await t.db().select().from(plans).where(eq(plans.id, planId));
    expect(narrowed!.maxAliases).toBe(1);
    expect(fieldErrorOf(await create(owner, 'second', ['anna@alpha.example']), 'localPart')).toMatch(/^aliases\.errors\.planLimit/);
  });
});


describe('aliases: distribution lists and send-as', () => {
  it('a list of 1,000 members pasted at once, with who may send to it; 1,001 are refused', async () => {
    const members = Array.from({ length: 999 }, (_, i) => `member${i}@elsewhere.example`);
    const pasted = ['anna@alpha.example', ...members].join('\n');
    const created = await create(owner, 'all', pasted as never, { senders: 'members' });
    expect(created.ok).toBe(true);
    const list = await getAlias({ caller: owner, id: created.ok ? created.data.id : 0 });
    expect([list.senders, list.targets.length]).toEqual(['members', 1000]);
    const tooMany = await create(owner, 'more', `${pasted}\nlast@elsewhere.example` as never);
    expect(fieldErrorOf(tooMany, 'targets')).toMatch(/^aliases\.errors\.tooManyTargets/);
    expect(fieldErrorOf(await create(owner, 'odd', ['anna@alpha.example'], { senders: 'everyone' }), 'senders')).toBe('validation.invalid');
    // Left out, a list takes mail from anyone.
    const open = await mustCreate('open', ['anna@alpha.example']);
    expect((await getAlias({ caller: owner, id: open.id })).senders).toBe('anyone');
  });

  it('send-as only for accounts the alias delivers to (also through another alias), audited; left out, the grants go', async () => {
    await mustCreate('team', ['anna@alpha.example']);
    const granted = await create(owner, 'info', ['team@alpha.example', 'bob@beta.example'], { sendAs: ['anna@alpha.example', 'bob@beta.example'] });
    expect(granted.ok).toBe(true);
    const id = granted.ok ? granted.data.id : 0;
    expect((await getAlias({ caller: owner, id })).sendAs).toEqual(['anna@alpha.example', 'bob@beta.example']);
    // The postmaster (an account of the domain, not a target) may not be granted it.
    const outsider = await updateAlias({ caller: owner, ip: null, id, input: { version: 1, targets: ['team@alpha.example'], sendAs: ['postmaster@alpha.example'] } });
    expect(fieldErrorOf(outsider, 'sendAs')).toMatch(/^aliases\.errors\.sendAsNotReceiving/);
    const narrowed = await updateAlias({ caller: owner, ip: null, id, input: { version: 1, targets: ['team@alpha.example'], sendAs: 'anna@alpha.example' } });
    expect(narrowed.ok).toBe(true);
    expect((await getAlias({ caller: owner, id })).sendAs).toEqual(['anna@alpha.example']);
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'alias.update'));
    expect(audit!.details).toMatchObject({ before: { sendAs: 'anna@alpha.example, bob@beta.example' }, after: { sendAs: 'anna@alpha.example' } });
    expect((await updateAlias({ caller: owner, ip: null, id, input: { version: 2, targets: ['team@alpha.example'] } })).ok).toBe(true);
    expect((await getAlias({ caller: owner, id })).sendAs).toEqual([]);
  });
});
