import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, autoresponders, domains, mailboxes, webmailPreferences } from '@/db/schema';
import { loadCaller } from '@/lib/auth/load-caller';
import { addDomain } from '@/lib/domains/add-domain';
import { getDomain } from '@/lib/domains/get-domain';
import { listDomains } from '@/lib/domains/list-domains';
import { deleteDomain, setDomainActive, updateDomainSettings } from '@/lib/domains/update-domain';
import { GB } from '@/lib/mail/services';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { verifyCredentials } from './helpers/credentials';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin, insertMailbox, insertPlan } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '198.51.100.20';
const query = { page: 1, pageSize: 25, q: '', sort: 'name' as const, dir: 'asc' as const };

beforeEach(() => resetTables(t.db()));

async function world() {
  const root = await insertAdmin(t.db(), { role: 'superadmin', email: 'root@example.net' });
  const a = await insertAdmin(t.db(), { email: 'a@example.net' });
  const b = await insertAdmin(t.db(), { email: 'b@example.net' });
  const plan = await insertPlan(t.db(), { dav: true, xmpp: false, storageOptionsBytes: [GB, 5 * GB] });
  return { root, a, b, plan, A: adminCaller(a), B: adminCaller(b), ROOT: superadminCaller(root) };
}

async function add(caller: Parameters<typeof addDomain>[0]['caller'], name: string, planId: number) {
  const result = await addDomain({ caller, ip: IP, input: { name, planId } });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

async function countRows() {
  const [d] = await t.db().select({ n: count() }).from(domains);
  const [m] = await t.db().select({ n: count() }).from(mailboxes);
  return { domains: d?.n, mailboxes: m?.n };
}

describe('adding a domain', () => {
  it('creates the domain and its 50 MB postmaster in one go, with a password shown once', async () => {
    const w = await world();
    process.env.BCRYPT_COST ??= '4';
    const added = await add(w.A, 'Example.COM', w.plan.id);
    expect(added).toMatchObject({ name: 'example.com', postmaster: 'postmaster@example.com' });
    expect(added.postmasterPassword.length).toBeGreaterThanOrEqual(16);
    const [pm] = await t.db().select().from(mailboxes).where(eq(mailboxes.address, 'postmaster@example.com'));
    expect(pm).toMatchObject({ isPostmaster: true, quotaBytes: 52_428_800, dailySendLimit: w.plan.defaultDailySendLimit, dav: true, xmpp: false });
    expect(pm?.passwordHash).not.toContain(added.postmasterPassword);
    expect(await verifyCredentials('postmaster@example.com', added.postmasterPassword)).toMatchObject({ principal: `mailbox:${pm?.id}` });
    const [d] = await t.db().select().from(domains);
    expect(d?.adminId).toBe(w.a.id);
    expect(await t.db().select().from(webmailPreferences)).toHaveLength(1);
    const audit = await t.db().select().from(auditLog).orderBy(auditLog.id);
    expect(audit.map((r) => r.action)).toEqual(['domain.create', 'postmaster.create']);
    expect(audit[0]).toMatchObject({ actorAdminId: w.a.id, ip: IP, domainName: 'example.com' });
  });

  it('stores internationalized names as punycode', async () => {
    const w = await world();
    const added = await add(w.A, 'bücher.de', w.plan.id);
    expect(added.name).toBe('xn--bcher-kva.de');
    expect(added.postmaster).toBe('postmaster@xn--bcher-kva.de');
    // The same domain typed differently is a duplicate, even for another admin.
    const again = await addDomain({ caller: w.B, ip: IP, input: { name: 'XN--BCHER-KVA.DE', planId: w.plan.id } });
    expect(again).toEqual({ ok: false, code: 'validation', fieldErrors: { name: 'domains.errors.taken' } });
  });

  it('refuses invalid names with a message and writes nothing', async () => {
    const w = await world();
    const cases: [string, string][] = [
      ['', 'domains.errors.empty'],
      ['my domain.com', 'domains.errors.spaces'],
      ['-lead.com', 'domains.errors.hyphen'],
      [`${'abcdefghi.'.repeat(26)}com`, 'domains.errors.tooLong'],
      [`${'a'.repeat(64)}.com`, 'domains.errors.labelTooLong'],
      ['nodot', 'domains.errors.invalid'],
    ];
    for (const [name, key] of cases) {
      const result = await addDomain({ caller: w.A, ip: IP, input: { name, planId: w.plan.id } });
      expect(result, name).toEqual({ ok: false, code: 'validation', fieldErrors: { name: key } });
    }
    expect(await addDomain({ caller: w.A, ip: IP, input: { name: 'ok.com', planId: 999_999 } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { planId: 'domains.errors.planMissing' },
    });
    expect(await countRows()).toEqual({ domains: 0, mailboxes: 0 });
    expect(await t.db().select().from(auditLog)).toHaveLength(0);
  });

  it('refuses postmasters and users, and lets only the superadmin choose another owner', async () => {
    const w = await world();
    const d = await add(w.A, 'a.example', w.plan.id);
    const [pm] = await t.db().select().from(mailboxes).where(eq(mailboxes.domainId, d.id));
    const user = await insertMailbox(t.db(), { id: d.id, name: d.name });
    for (const caller of [postmasterCaller(pm!), userCaller(user)]) {
      await expect(addDomain({ caller, ip: IP, input: { name: 'x.example', planId: w.plan.id } })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    }
    // An admin naming another owner is refused (forbidden, with its reason), and nothing is added; naming itself is fine.
    await add(w.A, 'mine.example', w.plan.id);
    expect(await addDomain({ caller: w.A, ip: IP, input: { name: 'sneaky.example', planId: w.plan.id, adminId: w.b.id } })).toEqual({
      ok: false,
      code: 'forbidden',
      fieldErrors: {},
      formError: 'domains.errors.ownerSuperadminOnly',
    });
    expect(await t.db().select().from(domains).where(eq(domains.name, 'sneaky.example'))).toEqual([]);
    expect(await addDomain({ caller: w.A, ip: IP, input: { name: 'own.example', planId: w.plan.id, adminId: w.a.id } })).toMatchObject({ ok: true });
    const [own] = await t.db().select().from(domains).where(eq(domains.name, 'own.example'));
    expect(own?.adminId).toBe(w.a.id);
    await addDomain({ caller: w.ROOT, ip: IP, input: { name: 'for-b.example', planId: w.plan.id, adminId: w.b.id } });
    const [forB] = await t.db().select().from(domains).where(eq(domains.name, 'for-b.example'));
    expect(forB?.adminId).toBe(w.b.id);
  });
});

describe('who sees which domain', () => {
  it('keeps admins to their own domains, postmasters to theirs; the superadmin sees all', async () => {
    const w = await world();
    const da = await add(w.A, 'a.example', w.plan.id);
    const db = await add(w.B, 'b.example', w.plan.id);
    expect((await listDomains({ caller: w.A, query })).rows.map((r) => r.name)).toEqual(['a.example']);
    expect((await listDomains({ caller: w.ROOT, query })).total).toBe(2);
    await expect(getDomain({ caller: w.A, id: db.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(updateDomainSettings({ caller: w.A, ip: IP, id: db.id, input: await settingsOf(db.id) })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(setDomainActive({ caller: w.A, ip: IP, id: db.id, active: false })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(deleteDomain({ caller: w.A, ip: IP, id: db.id, input: { confirmName: 'b.example' } })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    const [stillB] = await t.db().select().from(domains).where(eq(domains.id, db.id));
    expect(stillB).toMatchObject({ active: true, version: 1 });

    const [pmA] = await t.db().select().from(mailboxes).where(eq(mailboxes.address, 'postmaster@a.example'));
    const pm = postmasterCaller(pmA!);
    expect((await listDomains({ caller: pm, query })).rows.map((r) => r.name)).toEqual(['a.example']);
    await expect(getDomain({ caller: pm, id: db.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect((await getDomain({ caller: pm, id: da.id })).domain.name).toBe('a.example');
    await expect(setDomainActive({ caller: pm, ip: IP, id: da.id, active: false })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(deleteDomain({ caller: pm, ip: IP, id: da.id, input: { confirmName: 'a.example' } })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
  });

  it('searches (also in Unicode) and counts in SQL', async () => {
    const w = await world();
    for (const name of ['alpha.example', 'beta.example', 'bücher.de']) await add(w.A, name, w.plan.id);
    expect((await listDomains({ caller: w.A, query: { ...query, q: 'ALPHA' } })).rows.map((r) => r.name)).toEqual(['alpha.example']);
    expect((await listDomains({ caller: w.A, query: { ...query, q: 'bücher.de' } })).rows.map((r) => r.name)).toEqual(['xn--bcher-kva.de']);
    const page2 = await listDomains({ caller: w.A, query: { ...query, pageSize: 2, page: 2 } });
    expect(page2).toMatchObject({ total: 3 });
    expect(page2.rows).toHaveLength(1);
    const byAccounts = await listDomains({ caller: w.A, query: { ...query, sort: 'storage', dir: 'desc' } });
    expect(byAccounts.rows[0]).toMatchObject({ accounts: 1, allocated: 52_428_800 });
  });
});

async function settingsOf(id: number) {
  const [d] = await t.db().select().from(domains).where(eq(domains.id, id));
  return {
    version: d!.version,
    services: { pop: d!.pop, imap: d!.imap, smtp: d!.smtp, webmail: d!.webmail, activesync: d!.activesync, dav: d!.dav, xmpp: d!.xmpp },
    defaultStorageBytes: d!.defaultStorageBytes,
    pmCanCreate: d!.pmCanCreate,
    pmCanDelete: d!.pmCanDelete,
    pmCanToggle: d!.pmCanToggle,
    pmCanChangeLimits: d!.pmCanChangeLimits,
  };
}

describe('domain settings, status and deletion', () => {
  it('narrows services within the plan, sets default storage and postmaster limits, audited', async () => {
    const w = await world();
    const d = await add(w.A, 'a.example', w.plan.id);
    const input = await settingsOf(d.id);
    const saved = await updateDomainSettings({
      caller: w.A,
      ip: IP,
      id: d.id,
      input: { ...input, services: { ...input.services, pop: false }, defaultStorageBytes: 5 * GB, pmCanDelete: true },
    });
    expect(saved).toEqual({ ok: true, data: { version: 2 } });
    const [after] = await t.db().select().from(domains).where(eq(domains.id, d.id));
    expect(after).toMatchObject({ pop: false, defaultStorageBytes: 5 * GB, pmCanDelete: true });
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'domain.update'));
    expect(audit?.details).toEqual({ before: { pop: true, defaultStorageBytes: null, pmCanDelete: false }, after: { pop: false, defaultStorageBytes: 5 * GB, pmCanDelete: true } });
  });

  it('refuses a service outside the plan, a storage not in the plan, and a stale version', async () => {
    const w = await world();
    const d = await add(w.A, 'a.example', w.plan.id);
    const input = await settingsOf(d.id);
    expect(await updateDomainSettings({ caller: w.A, ip: IP, id: d.id, input: { ...input, services: { ...input.services, xmpp: true } } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { 'services.xmpp': 'domains.errors.serviceNotInPlan' },
    });
    expect(await updateDomainSettings({ caller: w.A, ip: IP, id: d.id, input: { ...input, defaultStorageBytes: 3 * GB } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { defaultStorageBytes: 'domains.errors.storageNotInPlan' },
    });
    await updateDomainSettings({ caller: w.A, ip: IP, id: d.id, input: { ...input, pmCanDelete: true } });
    // A second editor still holding version 1 is refused, not silently applied.
    await expect(updateDomainSettings({ caller: w.ROOT, ip: IP, id: d.id, input: { ...input, pmCanToggle: false } })).rejects.toMatchObject({ name: 'Failure', code: 'conflict' });
    const [after] = await t.db().select().from(domains).where(eq(domains.id, d.id));
    expect(after).toMatchObject({ version: 2, xmpp: false, pmCanToggle: true, pmCanDelete: true });
  });

  it('deactivating a domain shuts its postmaster out at once; reactivating lets it back', async () => {
    const w = await world();
    const d = await add(w.A, 'a.example', w.plan.id);
    const [pm] = await t.db().select().from(mailboxes).where(eq(mailboxes.domainId, d.id));
    expect(await loadCaller({ kind: 'mailbox', id: pm!.id }, 1)).not.toBeNull();
    expect(await setDomainActive({ caller: w.A, ip: IP, id: d.id, active: false })).toEqual({ ok: true, data: { active: false } });
    expect(await loadCaller({ kind: 'mailbox', id: pm!.id }, 1)).toBeNull();
    await setDomainActive({ caller: w.A, ip: IP, id: d.id, active: true });
    expect(await loadCaller({ kind: 'mailbox', id: pm!.id }, 1)).not.toBeNull();
    const actions = (await t.db().select().from(auditLog).orderBy(auditLog.id)).map((r) => r.action);
    expect(actions.slice(-2)).toEqual(['domain.deactivate', 'domain.reactivate']);
  });

  it('deletes only after the exact name is typed, with everything under it', async () => {
    const w = await world();
    const d = await add(w.A, 'bücher.de', w.plan.id);
    const user = await insertMailbox(t.db(), { id: d.id, name: d.name });
    await t.db().insert(autoresponders).values({ mailboxId: user.id, enabled: true });
    expect(await deleteDomain({ caller: w.A, ip: IP, id: d.id, input: { confirmName: 'buecher.de' } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { confirmName: 'domains.errors.confirmMismatch' },
    });
    expect(await countRows()).toEqual({ domains: 1, mailboxes: 2 });
    expect(await deleteDomain({ caller: w.A, ip: IP, id: d.id, input: { confirmName: 'bücher.de' } })).toEqual({ ok: true, data: { name: 'xn--bcher-kva.de' } });
    expect(await countRows()).toEqual({ domains: 0, mailboxes: 0 });
    expect(await t.db().select().from(autoresponders)).toHaveLength(0);
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'domain.delete'));
    expect(audit).toMatchObject({ domainId: null, domainName: 'xn--bcher-kva.de', details: { accounts: 2 } });
  });
});
