import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { admins, auditLog } from '@/db/schema';
import { createAdmin } from '@/lib/admins/create-admin';
import { listAdmins, type AdminsQuery } from '@/lib/admins/list-admins';
import { setAdminActive } from '@/lib/admins/set-admin-active';
import type { Caller } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import { hashPassword } from '@/lib/auth/password';
import { runAction } from '@/lib/errors';
import { verifyCredentials } from './helpers/credentials';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin, insertDomain, insertPlan, type AdminRow, type MailboxRow } from './helpers/fixtures';

const t = useTestDatabase();
const PASSWORD = 'correct horse battery';
const IP = '198.51.100.7';

function adminCaller(row: Pick<AdminRow, 'id' | 'email' | 'role'>): Caller {
  return { kind: 'admin', id: row.id, role: row.role, label: row.email, language: 'en', timeZone: 'UTC', sessionVersion: 1 };
}

function mailboxCaller(row: Pick<MailboxRow, 'id' | 'address' | 'domainId'>, role: 'postmaster' | 'user'): Caller {
  return { kind: 'mailbox', id: row.id, role, label: row.address, domainId: row.domainId, language: 'en', timeZone: 'UTC', sessionVersion: 1 };
}

function setInput(overrides: Record<string, unknown> = {}) {
  return { email: 'Rita@Reseller.example', name: 'Rita Reseller', passwordMode: 'set', password: PASSWORD, confirmPassword: PASSWORD, ...overrides };
}

function query(overrides: Partial<AdminsQuery> = {}): AdminsQuery {
  return { page: 1, pageSize: 25, q: '', sort: 'email', dir: 'asc', ...overrides };
}

let superadmin: AdminRow;
let root: Caller;

beforeEach(async () => {
  await resetTables(t.db());
  superadmin = await insertAdmin(t.db(), { email: 'root@panel.example', name: 'Root', role: 'superadmin' });
  root = adminCaller(superadmin);
});

async function snapshot() {
  return {
    admins: await t.db().select().from(admins).orderBy(asc(admins.id)),
    audit: await t.db().select().from(auditLog),
  };
}

describe('creating an admin', () => {
  it('stores a password the superadmin set as bcrypt, and it signs in', async () => {
    const result = await createAdmin({ caller: root, ip: IP, input: setInput() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({ id: expect.any(Number) as unknown, email: 'rita@reseller.example' });

    const [row] = await t.db().select().from(admins).where(eq(admins.id, result.data.id));
    expect(row).toMatchObject({ email: 'rita@reseller.example', name: 'Rita Reseller', role: 'admin', active: true, sessionVersion: 1 });
    expect(row?.passwordHash).toMatch(/^\$2b\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
    expect(await verifyCredentials('rita@reseller.example', PASSWORD)).toEqual({ principal: `admin:${result.data.id}`, sessionVersion: 1 });

    const audit = await t.db().select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'admin.create',
      actorAdminId: superadmin.id,
      actorLabel: 'root@panel.example',
      ip: IP,
      targetType: 'admin',
      targetId: String(result.data.id),
      targetLabel: 'rita@reseller.example',
      details: { role: 'admin', name: 'Rita Reseller', passwordGenerated: false },
    });
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('generates a strong password, returns it once and never stores it in clear', async () => {
    const result = await createAdmin({
      caller: root,
      ip: null,
      // Whatever sits in the password fields is ignored when generating.
      input: { email: 'gen@reseller.example', name: 'Gen', passwordMode: 'generate', password: 'short', confirmPassword: 'other' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const generated = result.data.generatedPassword;
    expect(generated).toBeTypeOf('string');
    expect(generated!.length).toBeGreaterThanOrEqual(16);
    expect(generated).not.toBe('short');

    const [row] = await t.db().select().from(admins).where(eq(admins.id, result.data.id));
    expect(row?.passwordHash).toMatch(/^\$2b\$/);
    expect(await verifyCredentials('gen@reseller.example', generated!)).toEqual({ principal: `admin:${result.data.id}`, sessionVersion: 1 });
    expect(await verifyCredentials('gen@reseller.example', 'short')).toBeNull();

    const audit = await t.db().select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'admin.create', targetLabel: 'gen@reseller.example', details: { passwordGenerated: true } });
    expect(JSON.stringify(await snapshot())).not.toContain(generated!);
  });

  it('refuses an email address already in use, at the field, case-insensitively', async () => {
    expect((await createAdmin({ caller: root, ip: null, input: setInput() })).ok).toBe(true);
    const before = await snapshot();
    const again = await createAdmin({ caller: root, ip: null, input: setInput({ email: '  RITA@reseller.EXAMPLE ', name: 'Other' }) });
    expect(again).toEqual({ ok: false, code: 'validation', fieldErrors: { email: 'validation.emailTaken' } });
    const superEmail = await createAdmin({ caller: root, ip: null, input: setInput({ email: 'root@panel.example' }) });
    expect(superEmail).toEqual({ ok: false, code: 'validation', fieldErrors: { email: 'validation.emailTaken' } });
    expect(await snapshot()).toEqual(before);
  });

  it('lets only one of two simultaneous requests for the same address through', async () => {
    const results = await Promise.all([
      createAdmin({ caller: root, ip: null, input: setInput({ name: 'One' }) }),
      createAdmin({ caller: root, ip: null, input: setInput({ name: 'Two' }) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: 'validation', fieldErrors: { email: 'validation.emailTaken' } });
    expect(await t.db().select().from(admins).where(eq(admins.role, 'admin'))).toHaveLength(1);
    expect(await t.db().select().from(auditLog)).toHaveLength(1);
  });

  it('answers bad input field by field and writes nothing', async () => {
    const before = await snapshot();
    const fieldErrorsOf = async (input: unknown) => {
      const result = await createAdmin({ caller: root, ip: null, input });
      expect(result.ok).toBe(false);
      return result.ok ? {} : result.fieldErrors;
    };

    expect(await fieldErrorsOf(setInput({ email: 'not an email' }))).toEqual({ email: 'validation.email' });
    expect(await fieldErrorsOf(setInput({ email: '' }))).toEqual({ email: 'validation.required' });
    expect(await fieldErrorsOf(setInput({ name: '   ' }))).toEqual({ name: 'validation.required' });
    expect(await fieldErrorsOf(setInput({ name: 'n'.repeat(201) }))).toEqual({ name: expect.stringContaining('validation.tooLong') as unknown });
    expect(await fieldErrorsOf(setInput({ password: 'short', confirmPassword: 'short' }))).toEqual({
      password: expect.stringContaining('validation.passwordTooShort') as unknown,
    });
    expect(await fieldErrorsOf(setInput({ password: '', confirmPassword: '' }))).toEqual({ password: 'validation.required' });
    expect(await fieldErrorsOf(setInput({ confirmPassword: `${PASSWORD}!` }))).toEqual({ confirmPassword: 'validation.passwordsDiffer' });
    expect(await fieldErrorsOf(setInput({ password: 'x'.repeat(73), confirmPassword: 'x'.repeat(73) }))).toEqual({
      password: expect.stringContaining('validation.passwordTooLong') as unknown,
    });
    // 37 characters, 74 bytes: the limit is in bytes, as bcrypt counts.
    expect(await fieldErrorsOf(setInput({ password: 'é'.repeat(37), confirmPassword: 'é'.repeat(37) }))).toEqual({
      password: expect.stringContaining('validation.passwordTooLong') as unknown,
    });
    expect(await fieldErrorsOf(setInput({ passwordMode: 'email-it' }))).toEqual({ passwordMode: 'validation.invalid' });
    expect(
      await fieldErrorsOf({ email: 'bad', name: '', passwordMode: 'set', password: 'short', confirmPassword: 'different' }),
    ).toMatchObject({
      email: 'validation.email',
      name: 'validation.required',
      password: expect.stringContaining('validation.passwordTooShort') as unknown,
      confirmPassword: 'validation.passwordsDiffer',
    });
    for (const input of [null, 'rita@reseller.example', 42]) {
      expect(await createAdmin({ caller: root, ip: null, input })).toMatchObject({ ok: false, formError: expect.any(String) as unknown });
    }

    expect(await snapshot()).toEqual(before);
  });
});

describe('who may manage admins', () => {
  it('refuses admins, postmasters, users and the signed-out, and changes nothing', async () => {
    const f = await createFixture(t.db());
    const target = f.admin;
    const others: Caller[] = [adminCaller(f.admin), mailboxCaller(f.postmaster, 'postmaster'), mailboxCaller(f.mailbox, 'user')];
    const before = await snapshot();

    for (const caller of others) {
      await expect(listAdmins({ caller, query: query() })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
      await expect(createAdmin({ caller, ip: null, input: setInput() })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
      // Even bad input says nothing more than "not allowed".
      await expect(createAdmin({ caller, ip: null, input: {} })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
      await expect(setAdminActive({ caller, ip: null, id: target.id, active: false })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
      await expect(setAdminActive({ caller, ip: null, id: superadmin.id, active: false })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
      // What a server action answers: the same "not found" message as for a row that does not exist.
      expect(await runAction(() => createAdmin({ caller, ip: null, input: setInput() }))).toEqual({
        ok: false,
        code: 'forbidden',
        fieldErrors: {},
        formError: 'errors.notFound',
      });
      expect(await runAction(() => setAdminActive({ caller, ip: null, id: target.id, active: false }))).toEqual({
        ok: false,
        code: 'forbidden',
        fieldErrors: {},
        formError: 'errors.notFound',
      });
    }
    await expect(listAdmins({ caller: null, query: query() })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(createAdmin({ caller: null, ip: null, input: setInput() })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });

    expect(await snapshot()).toEqual(before);
  });
});

describe('deactivating and reactivating', () => {
  async function createSignedInAdmin() {
    const created = await createAdmin({ caller: root, ip: null, input: setInput() });
    if (!created.ok) throw new Error('could not create the admin');
    const signedIn = await verifyCredentials('rita@reseller.example', PASSWORD);
    expect(signedIn).toEqual({ principal: `admin:${created.data.id}`, sessionVersion: 1 });
    const ref = { kind: 'admin' as const, id: created.data.id };
    expect(await loadCaller(ref, 1)).toMatchObject({ role: 'admin', label: 'rita@reseller.example' });
    return { id: created.data.id, ref };
  }

  it('ends the admin’s sessions at once and refuses its sign-in; reactivating lets it sign in anew', async () => {
    const { id, ref } = await createSignedInAdmin();

    const off = await setAdminActive({ caller: root, ip: IP, id, active: false });
    expect(off).toEqual({ ok: true, data: { id, email: 'rita@reseller.example', active: false } });
    const [row] = await t.db().select().from(admins).where(eq(admins.id, id));
    expect(row).toMatchObject({ active: false, sessionVersion: 2 });
    expect(await loadCaller(ref, 1)).toBeNull();
    expect(await loadCaller(ref, 2)).toBeNull();
    expect(await verifyCredentials('rita@reseller.example', PASSWORD)).toBeNull();

    const on = await setAdminActive({ caller: root, ip: IP, id, active: true });
    expect(on).toEqual({ ok: true, data: { id, email: 'rita@reseller.example', active: true } });
    // The old session stays over; a new sign-in gets a new session version.
    expect(await loadCaller(ref, 1)).toBeNull();
    expect(await verifyCredentials('rita@reseller.example', PASSWORD)).toEqual({ principal: `admin:${id}`, sessionVersion: 2 });
    expect(await loadCaller(ref, 2)).toMatchObject({ role: 'admin', id });

    const audit = await t.db().select().from(auditLog).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['admin.create', 'admin.deactivate', 'admin.reactivate']);
    expect(audit[1]).toMatchObject({
      actorAdminId: superadmin.id,
      ip: IP,
      targetType: 'admin',
      targetId: String(id),
      targetLabel: 'rita@reseller.example',
      details: { before: { active: true }, after: { active: false } },
    });
  });

  it('treats asking for the current state as done, without another audit row or session change', async () => {
    const { id } = await createSignedInAdmin();
    expect((await setAdminActive({ caller: root, ip: null, id, active: true })).ok).toBe(true);
    expect((await setAdminActive({ caller: root, ip: null, id, active: false })).ok).toBe(true);
    expect((await setAdminActive({ caller: root, ip: null, id, active: false })).ok).toBe(true);
    const [row] = await t.db().select().from(admins).where(eq(admins.id, id));
    expect(row).toMatchObject({ active: false, sessionVersion: 2 });
    expect(await t.db().select().from(auditLog)).toHaveLength(2);
  });

  it('never deactivates the superadmin, not even by itself', async () => {
    const before = await snapshot();
    expect(await setAdminActive({ caller: root, ip: null, id: superadmin.id, active: false })).toEqual({
      ok: false,
      code: 'refused',
      fieldErrors: {},
      formError: 'admins.errors.superadminLocked',
    });
    expect(await setAdminActive({ caller: root, ip: null, id: superadmin.id, active: true })).toMatchObject({
      ok: false,
      formError: 'admins.errors.superadminLocked',
    });
    expect(await snapshot()).toEqual(before);
    expect(await loadCaller({ kind: 'admin', id: superadmin.id }, 1)).toMatchObject({ role: 'superadmin' });
  });

  it('answers "not found" for an admin that does not exist or an id that is not one', async () => {
    const before = await snapshot();
    await expect(setAdminActive({ caller: root, ip: null, id: superadmin.id + 1000, active: false })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 40, '1' as unknown as number]) {
      await expect(setAdminActive({ caller: root, ip: null, id, active: false })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    }
    await expect(setAdminActive({ caller: root, ip: null, id: superadmin.id, active: 'no' as unknown as boolean })).rejects.toMatchObject({
      name: 'Failure',
      code: 'notFound',
    });
    expect(await runAction(() => setAdminActive({ caller: root, ip: null, id: 999_999, active: false }))).toMatchObject({
      ok: false,
      formError: 'errors.notFound',
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('the list of admins', () => {
  async function seedAdmins() {
    const hash = await hashPassword(PASSWORD);
    // 30 admins: a00…a29@list.example; every third is "Team Blue", the rest "Team Red".
    for (let i = 0; i < 30; i++) {
      const n = String(i).padStart(2, '0');
      await insertAdmin(t.db(), { email: `a${n}@list.example`, name: i % 3 === 0 ? `Team Blue ${n}` : `Team Red ${n}`, passwordHash: hash });
    }
    const plan = await insertPlan(t.db());
    const [a05] = await t.db().select().from(admins).where(eq(admins.email, 'a05@list.example'));
    const [a07] = await t.db().select().from(admins).where(eq(admins.email, 'a07@list.example'));
    for (let i = 0; i < 3; i++) await insertDomain(t.db(), { adminId: a05!.id, planId: plan.id });
    await insertDomain(t.db(), { adminId: a07!.id, planId: plan.id });
    return { a05: a05!, a07: a07! };
  }

  it('pages through every admin, the superadmin included, with the total', async () => {
    await seedAdmins();
    const first = await listAdmins({ caller: root, query: query() });
    expect(first.total).toBe(31);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toMatchObject({ email: 'a00@list.example', name: 'Team Blue 00', role: 'admin', active: true, domainCount: 0, lastLoginAt: null });
    expect(first.rows.map((r) => r.email).slice(0, 3)).toEqual(['a00@list.example', 'a01@list.example', 'a02@list.example']);

    const second = await listAdmins({ caller: root, query: query({ page: 2 }) });
    expect(second).toMatchObject({ total: 31, page: 2, pageSize: 25 });
    expect(second.rows.map((r) => r.email)).toEqual([
      'a25@list.example',
      'a26@list.example',
      'a27@list.example',
      'a28@list.example',
      'a29@list.example',
      'root@panel.example',
    ]);
    expect(second.rows.at(-1)).toMatchObject({ role: 'superadmin' });

    const beyond = await listAdmins({ caller: root, query: query({ page: 9 }) });
    expect(beyond).toMatchObject({ rows: [], total: 31 });

    const reversed = await listAdmins({ caller: root, query: query({ dir: 'desc', pageSize: 50 }) });
    expect(reversed.rows[0]?.email).toBe('root@panel.example');
    expect(reversed.rows).toHaveLength(31);
  });

  it('counts the domains each admin owns, and sorts by them', async () => {
    const { a05, a07 } = await seedAdmins();
    const byDomains = await listAdmins({ caller: root, query: query({ sort: 'domains', dir: 'desc' }) });
    expect(byDomains.rows.slice(0, 3).map((r) => [r.id, r.domainCount])).toEqual([
      [a05.id, 3],
      [a07.id, 1],
      [expect.any(Number), 0],
    ]);
  });

  it('searches email and name, case-insensitively, with wildcards taken literally', async () => {
    await seedAdmins();
    const blue = await listAdmins({ caller: root, query: query({ q: 'team BLUE' }) });
    expect(blue.total).toBe(10);
    expect(blue.rows.every((r) => r.name.startsWith('Team Blue'))).toBe(true);

    const byEmail = await listAdmins({ caller: root, query: query({ q: 'A1' }) });
    expect(byEmail.total).toBe(10);
    expect(byEmail.rows.map((r) => r.email)).toContain('a19@list.example');

    const pagedSearch = await listAdmins({ caller: root, query: query({ q: 'team red', pageSize: 25, page: 1 }) });
    expect(pagedSearch).toMatchObject({ total: 20 });
    expect(pagedSearch.rows).toHaveLength(20);

    expect((await listAdmins({ caller: root, query: query({ q: 'root' }) })).rows.map((r) => r.email)).toEqual(['root@panel.example']);
    expect(await listAdmins({ caller: root, query: query({ q: '%' }) })).toMatchObject({ rows: [], total: 0 });
    expect(await listAdmins({ caller: root, query: query({ q: 'a_0' }) })).toMatchObject({ rows: [], total: 0 });
    expect(await listAdmins({ caller: root, query: query({ q: 'nobody' }) })).toMatchObject({ rows: [], total: 0 });
  });

  it('shows status and last sign-in, and sorts by them', async () => {
    await seedAdmins();
    const [a03] = await t.db().select().from(admins).where(eq(admins.email, 'a03@list.example'));
    expect(await verifyCredentials('a03@list.example', PASSWORD)).not.toBeNull();
    expect((await setAdminActive({ caller: root, ip: null, id: a03!.id, active: false })).ok).toBe(true);

    const byLogin = await listAdmins({ caller: root, query: query({ sort: 'lastLogin', dir: 'desc' }) });
    expect(byLogin.rows[0]).toMatchObject({ email: 'a03@list.example', active: false });
    expect(byLogin.rows[0]?.lastLoginAt).toBeInstanceOf(Date);
    expect(byLogin.rows[1]?.lastLoginAt).toBeNull();

    const byStatus = await listAdmins({ caller: root, query: query({ sort: 'status', dir: 'asc' }) });
    expect(byStatus.rows[0]).toMatchObject({ email: 'a03@list.example', active: false });
    expect(byStatus.rows[1]).toMatchObject({ active: true });
  });
});
