import bcrypt from 'bcrypt';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { appPasswords, auditLog, mailboxes, mailJobs } from '@/db/schema';
import { createAccountAppPassword, listAccountAppPasswords, revokeAccountAppPassword } from '@/lib/app-passwords/manage';
import { createOwnAppPassword, listOwnAppPasswords, revokeOwnAppPassword } from '@/lib/app-passwords/own';
import type { Caller } from '@/lib/auth/caller';
import { runAction } from '@/lib/errors';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { SQLSTATE, violationOf } from './helpers/errors';
import { BCRYPT_HASH, createFixture, insertAdmin, insertDomain, insertMailbox, type Fixture, type MailboxRow } from './helpers/fixtures';

const t = useTestDatabase();
const IP = '192.0.2.33';

beforeEach(() => resetTables(t.db()));

type World = Fixture & { U: Caller; other: MailboxRow; O: Caller; A: Caller; B: Caller; S: Caller; PM: Caller };

async function world(): Promise<World> {
  const f = await createFixture(t.db());
  const other = await insertMailbox(t.db(), f.domain, 'other');
  const adminB = await insertAdmin(t.db());
  const root = await insertAdmin(t.db(), { role: 'superadmin' });
  return {
    ...f,
    other,
    U: userCaller(f.mailbox),
    O: userCaller(other),
    A: adminCaller(f.admin),
    B: adminCaller(adminB),
    S: superadminCaller(root),
    PM: postmasterCaller(f.postmaster),
  };
}

const create = (caller: Caller, input: unknown) => createOwnAppPassword({ caller, ip: IP, input });

async function rows(mailboxId?: number) {
  const all = await t.db().select().from(appPasswords).orderBy(appPasswords.id);
  return mailboxId === undefined ? all : all.filter((row) => row.mailboxId === mailboxId);
}

async function must<T>(result: { ok: true; data: T } | { ok: false }): Promise<T> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.data;
}

describe('the owner', () => {
  it('creates one per protocol: the secret once, stored only as bcrypt, with its lookup', async () => {
    const w = await world();
    const created = await must(await create(w.U, { name: '  Phone mail  ', protocol: 'imap' }));
    expect(created).toMatchObject({ name: 'Phone mail', protocol: 'imap' });
    expect(created.secret).toMatch(/^[a-hjkmnp-z2-9]{24}$/);

    const [stored] = await rows(w.mailbox.id);
    expect(stored).toMatchObject({ id: created.id, name: 'Phone mail', protocol: 'imap', lookup: created.secret.slice(0, 8), lastUsedAt: null, revokedAt: null });
    expect(stored!.passwordHash).toMatch(/^\$2b\$/);
    expect(stored!.passwordHash).not.toContain(created.secret);
    expect(await bcrypt.compare(created.secret, stored!.passwordHash)).toBe(true);

    // The audit row says what was created, never the secret, its lookup or its hash.
    const audit = await t.db().select().from(auditLog);
    expect(audit).toMatchObject([
      { action: 'mailbox.appPassword.create', actorMailboxId: w.mailbox.id, ip: IP, targetId: String(w.mailbox.id), domainId: w.domain.id, details: { appPasswordId: created.id, name: 'Phone mail', protocol: 'imap' } },
    ]);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(created.secret.slice(0, 8));
    expect(text).not.toContain('$2b$');

    await must(await create(w.U, { name: 'Laptop', protocol: 'smtp' }));
    await must(await create(w.U, { name: 'Old phone', protocol: 'pop3' }));
    // The list: newest first, last use as the mail servers write it, never a hash.
    await t.db().update(appPasswords).set({ lastUsedAt: new Date('2026-11-01T10:00:00Z') }).where(eq(appPasswords.id, created.id));
    const list = await listOwnAppPasswords({ caller: w.U });
    expect(list.max).toBe(20);
    expect(list.otpOn).toBe(false);
    expect(list.rows.map((r) => [r.name, r.protocol])).toEqual([
      ['Old phone', 'pop3'],
      ['Laptop', 'smtp'],
      ['Phone mail', 'imap'],
    ]);
    expect(list.rows[2]).toEqual({ id: created.id, name: 'Phone mail', protocol: 'imap', createdAt: expect.any(Date), lastUsedAt: new Date('2026-11-01T10:00:00Z') });
    expect(Object.keys(list.rows[0]!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'protocol']);
    // Another account sees only its own.
    expect((await listOwnAppPasswords({ caller: w.O })).rows).toEqual([]);
  });

  it('says when the account is behind OTP', async () => {
    const w = await world();
    await t.db().update(mailboxes).set({ otpRequired: true }).where(eq(mailboxes.id, w.mailbox.id));
    expect((await listOwnAppPasswords({ caller: w.U })).otpOn).toBe(true);
  });

  it('refuses bad input beside the field and writes nothing', async () => {
    const w = await world();
    const cases: [unknown, Record<string, string>][] = [
      [{ name: '', protocol: 'imap' }, { name: 'appPasswords.errors.nameRequired' }],
      [{ name: '   ', protocol: 'imap' }, { name: 'appPasswords.errors.nameRequired' }],
      [{ name: 'x'.repeat(61), protocol: 'imap' }, { name: 'appPasswords.errors.nameTooLong' }],
      [{ name: 'Bell\u0007', protocol: 'imap' }, { name: 'validation.invalid' }],
      [{ name: 'Phone', protocol: 'sieve' }, { protocol: 'appPasswords.errors.protocol' }],
      [{ name: 'Phone' }, { protocol: 'appPasswords.errors.protocol' }],
      [{ name: 42, protocol: 'imap' }, { name: 'appPasswords.errors.nameRequired' }],
    ];
    for (const [input, fieldErrors] of cases) {
      expect(await create(w.U, input), JSON.stringify(input)).toMatchObject({ ok: false, fieldErrors });
    }
    expect(await create(w.U, null)).toMatchObject({ ok: false });
    expect(await create(w.U, 'imap')).toMatchObject({ ok: false });
    expect(await rows()).toEqual([]);
    expect(await t.db().select().from(auditLog)).toEqual([]);
  });

  it('names are unique among the live ones, in any case; a revoked name may come back', async () => {
    const w = await world();
    const first = await must(await create(w.U, { name: 'Phone', protocol: 'imap' }));
    expect(await create(w.U, { name: 'PHONE', protocol: 'smtp' })).toEqual({ ok: false, code: 'validation', fieldErrors: { name: 'appPasswords.errors.nameTaken' } });
    // Another account may use the same name.
    await must(await create(w.O, { name: 'Phone', protocol: 'imap' }));
    expect(await revokeOwnAppPassword({ caller: w.U, ip: IP, id: first.id })).toEqual({ ok: true, data: { name: 'Phone' } });
    await must(await create(w.U, { name: 'phone', protocol: 'imap' }));
  });

  it('has at most 20 live ones: on the server, and in the database', async () => {
    const w = await world();
    for (let i = 0; i < 20; i++) await must(await create(w.U, { name: `Device ${i}`, protocol: 'imap' }));
    expect(await create(w.U, { name: 'One too many', protocol: 'imap' })).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'appPasswords.errors.limit|{"max":20}' });
    // The database refuses a 21st written past the panel's own check.
    const violation = await violationOf(
      t.db().insert(appPasswords).values({ mailboxId: w.mailbox.id, name: 'Sneaky', protocol: 'imap', lookup: 'abcdefgh', passwordHash: BCRYPT_HASH }),
    );
    expect(violation).toMatchObject({ code: SQLSTATE.checkViolation, constraint: 'app_passwords_max' });
    // Un-revoking one (back to 21 live) is refused as well.
    const [one] = await rows(w.mailbox.id);
    await revokeOwnAppPassword({ caller: w.U, ip: IP, id: one!.id });
    await must(await create(w.U, { name: 'Replacement', protocol: 'imap' }));
    expect(await violationOf(t.db().update(appPasswords).set({ revokedAt: null }).where(eq(appPasswords.id, one!.id)))).toMatchObject({ constraint: 'app_passwords_max' });
    expect((await listOwnAppPasswords({ caller: w.U })).rows).toHaveLength(20);
  });

  it('two creations at once cannot pass the limit together', async () => {
    const w = await world();
    for (let i = 0; i < 19; i++) await must(await create(w.U, { name: `Device ${i}`, protocol: 'imap' }));
    const results = await Promise.all([create(w.U, { name: 'Race A', protocol: 'imap' }), create(w.U, { name: 'Race B', protocol: 'smtp' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, formError: expect.stringContaining('appPasswords.errors.limit') });
    expect((await rows(w.mailbox.id)).filter((r) => r.revokedAt === null)).toHaveLength(20);
  });

  it('revokes: gone from the list at once, its mail sessions end, audited; only its own', async () => {
    const w = await world();
    const mine = await must(await create(w.U, { name: 'Phone', protocol: 'imap' }));
    const theirs = await must(await create(w.O, { name: 'Phone', protocol: 'imap' }));

    // Someone else's id is simply not found, and nothing changes.
    await expect(revokeOwnAppPassword({ caller: w.U, ip: IP, id: theirs.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    for (const id of [0, -1, 'x', null, 1.5]) await expect(revokeOwnAppPassword({ caller: w.U, ip: IP, id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect(await runAction(() => revokeOwnAppPassword({ caller: w.U, ip: IP, id: theirs.id }))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    expect((await rows()).every((row) => row.revokedAt === null)).toBe(true);

    expect(await revokeOwnAppPassword({ caller: w.U, ip: IP, id: mine.id })).toEqual({ ok: true, data: { name: 'Phone' } });
    expect((await rows(w.mailbox.id))[0]?.revokedAt).toBeInstanceOf(Date);
    expect((await listOwnAppPasswords({ caller: w.U })).rows).toEqual([]);
    expect(await t.db().select().from(mailJobs)).toMatchObject([{ kind: 'kick', address: w.mailbox.address, mailboxId: w.mailbox.id }]);
    expect((await t.db().select().from(auditLog)).map((row) => row.action)).toEqual([
      'mailbox.appPassword.create',
      'mailbox.appPassword.create',
      'mailbox.appPassword.revoke',
    ]);
    // Twice is not found.
    await expect(revokeOwnAppPassword({ caller: w.U, ip: IP, id: mine.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
  });

  it('a deactivated account changes nothing', async () => {
    const w = await world();
    const mine = await must(await create(w.U, { name: 'Phone', protocol: 'imap' }));
    await t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, w.mailbox.id));
    expect(await create(w.U, { name: 'Another', protocol: 'imap' })).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'appPasswords.errors.inactive' });
    expect(await revokeOwnAppPassword({ caller: w.U, ip: IP, id: mine.id })).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'appPasswords.errors.inactive' });
    expect(await rows()).toHaveLength(1);
  });

  it('admins have no app passwords of their own', async () => {
    const w = await world();
    for (const caller of [w.A, w.S]) {
      await expect(create(caller, { name: 'Phone', protocol: 'imap' })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(listOwnAppPasswords({ caller })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      await expect(revokeOwnAppPassword({ caller, ip: IP, id: 1 })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    }
    // A postmaster is a mailbox: it has its own.
    await must(await create(w.PM, { name: 'Postmaster phone', protocol: 'imap' }));
    expect(await rows(w.postmaster.id)).toHaveLength(1);
  });
});

describe('those who manage the account', () => {
  it('list and revoke; anyone else finds nothing', async () => {
    const w = await world();
    const a = await must(await create(w.U, { name: 'Phone', protocol: 'imap' }));
    const b = await must(await create(w.U, { name: 'Laptop', protocol: 'smtp' }));
    const c = await must(await create(w.U, { name: 'Tablet', protocol: 'pop3' }));
    const pm = await must(await create(w.PM, { name: 'PM phone', protocol: 'imap' }));

    for (const caller of [w.A, w.S, w.PM]) {
      expect((await listAccountAppPasswords({ caller, id: w.mailbox.id })).rows.map((r) => r.name).sort()).toEqual(['Laptop', 'Phone', 'Tablet']);
    }
    // Out of scope, or a mailbox the role may not manage: not found, nothing changes.
    const refusals: [Caller, number, number][] = [
      [w.B, w.mailbox.id, a.id],
      [w.U, w.mailbox.id, a.id],
      [w.O, w.mailbox.id, a.id],
      [w.PM, w.postmaster.id, pm.id],
      [w.A, 999_999, a.id],
    ];
    for (const [caller, mailboxId, id] of refusals) {
      await expect(listAccountAppPasswords({ caller, id: mailboxId })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
      expect(await runAction(() => revokeAccountAppPassword({ caller, ip: IP, mailboxId, id }))).toEqual({ ok: false, code: 'notFound', fieldErrors: {}, formError: 'errors.notFound' });
    }
    expect(await runAction(() => revokeAccountAppPassword({ caller: w.A, ip: IP, mailboxId: String(w.mailbox.id), id: a.id }))).toMatchObject({ formError: 'errors.notFound' });
    // A mailbox the caller does manage, with an app password of another one: not found.
    expect(await runAction(() => revokeAccountAppPassword({ caller: w.A, ip: IP, mailboxId: w.other.id, id: a.id }))).toMatchObject({ formError: 'errors.notFound' });
    expect((await rows()).every((row) => row.revokedAt === null)).toBe(true);

    expect(await revokeAccountAppPassword({ caller: w.A, ip: IP, mailboxId: w.mailbox.id, id: a.id })).toEqual({ ok: true, data: { name: 'Phone' } });
    expect(await revokeAccountAppPassword({ caller: w.PM, ip: IP, mailboxId: w.mailbox.id, id: b.id })).toEqual({ ok: true, data: { name: 'Laptop' } });
    // The admin manages the postmaster mailbox too.
    expect(await revokeAccountAppPassword({ caller: w.S, ip: IP, mailboxId: w.postmaster.id, id: pm.id })).toEqual({ ok: true, data: { name: 'PM phone' } });
    expect((await listOwnAppPasswords({ caller: w.U })).rows.map((r) => r.id)).toEqual([c.id]);
    const revokes = await t.db().select({ action: auditLog.action, actor: auditLog.actorLabel, target: auditLog.targetLabel }).from(auditLog).where(eq(auditLog.action, 'mailbox.appPassword.revoke'));
    expect(revokes).toEqual([
      { action: 'mailbox.appPassword.revoke', actor: w.A.label, target: w.mailbox.address },
      { action: 'mailbox.appPassword.revoke', actor: w.PM.label, target: w.mailbox.address },
      { action: 'mailbox.appPassword.revoke', actor: w.S.label, target: w.postmaster.address },
    ]);
  });

  it('create one for the account (shown once, to them; audited as theirs); anyone else finds nothing and nothing is written', async () => {
    const w = await world();
    const made = await must(await createAccountAppPassword({ caller: w.PM, ip: IP, mailboxId: w.mailbox.id, input: { name: 'Handed over', protocol: 'imap' } }));
    expect(made).toMatchObject({ name: 'Handed over', protocol: 'imap' });
    const [row] = await rows(w.mailbox.id);
    expect(await bcrypt.compare(made.secret, row!.passwordHash)).toBe(true);
    // The admin manages the postmaster mailbox too.
    await must(await createAccountAppPassword({ caller: w.A, ip: IP, mailboxId: w.postmaster.id, input: { name: 'PM program', protocol: 'smtp' } }));

    const refusals: [Caller, unknown][] = [
      [w.B, w.mailbox.id],
      [w.U, w.mailbox.id],
      [w.O, w.mailbox.id],
      [w.PM, w.postmaster.id],
      [w.A, 999_999],
      [w.A, String(w.mailbox.id)],
    ];
    for (const [caller, mailboxId] of refusals) {
      expect(await runAction(() => createAccountAppPassword({ caller, ip: IP, mailboxId, input: { name: 'Sneaky', protocol: 'imap' } }))).toMatchObject({ ok: false, code: 'notFound' });
    }
    expect(await createAccountAppPassword({ caller: w.A, ip: IP, mailboxId: w.mailbox.id, input: { name: 'handed OVER', protocol: 'pop3' } })).toMatchObject({ ok: false, fieldErrors: { name: 'appPasswords.errors.nameTaken' } });
    expect(await createAccountAppPassword({ caller: w.A, ip: IP, mailboxId: w.mailbox.id, input: { name: '', protocol: 'telnet' } })).toMatchObject({ ok: false, code: 'validation' });
    expect((await rows()).map((r) => r.name).sort()).toEqual(['Handed over', 'PM program']);

    const audit = await t.db().select({ actor: auditLog.actorLabel, target: auditLog.targetLabel, details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'mailbox.appPassword.create'));
    expect(audit).toEqual([
      { actor: w.PM.label, target: w.mailbox.address, details: { appPasswordId: made.id, name: 'Handed over', protocol: 'imap' } },
      { actor: w.A.label, target: w.postmaster.address, details: expect.objectContaining({ name: 'PM program' }) },
    ]);
    expect(JSON.stringify(audit)).not.toContain(made.secret);
  });

  it('an admin of another domain cannot reach this one’s', async () => {
    const w = await world();
    const plan = w.plan;
    const elsewhere = await insertDomain(t.db(), { adminId: (await insertAdmin(t.db())).id, planId: plan.id });
    const stranger = await insertMailbox(t.db(), elsewhere, 'stranger');
    const theirs = await must(await create(userCaller(stranger), { name: 'Phone', protocol: 'imap' }));
    expect(await runAction(() => revokeAccountAppPassword({ caller: w.A, ip: IP, mailboxId: stranger.id, id: theirs.id }))).toMatchObject({ formError: 'errors.notFound' });
    // And an id of another account under a mailbox it does manage finds nothing either.
    expect(await runAction(() => revokeAccountAppPassword({ caller: w.A, ip: IP, mailboxId: w.mailbox.id, id: theirs.id }))).toMatchObject({ formError: 'errors.notFound' });
    expect((await rows(stranger.id))[0]?.revokedAt).toBeNull();
  });
});

describe('database rules', () => {
  it('holds names, lookups and hashes to their shape', async () => {
    const w = await world();
    const base = { mailboxId: w.mailbox.id, name: 'Phone', protocol: 'imap' as const, lookup: 'abcdefgh', passwordHash: BCRYPT_HASH };
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, name: 'x'.repeat(61) }))).toMatchObject({ constraint: 'app_passwords_name_length' });
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, name: ' padded' }))).toMatchObject({ constraint: 'app_passwords_name_length' });
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, lookup: 'ABCDEFGH' }))).toMatchObject({ constraint: 'app_passwords_lookup_shape' });
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, passwordHash: 'plain' }))).toMatchObject({ constraint: 'app_passwords_bcrypt' });
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, protocol: 'sieve' as never }))).toMatchObject({ constraint: 'app_passwords_protocol' });
    await t.db().insert(appPasswords).values(base);
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, name: 'Other' }))).toMatchObject({ code: SQLSTATE.uniqueViolation, constraint: 'app_passwords_lookup_key' });
    expect(await violationOf(t.db().insert(appPasswords).values({ ...base, lookup: 'bcdefghj', name: 'PHONE' }))).toMatchObject({ code: SQLSTATE.uniqueViolation, constraint: 'app_passwords_live_name_key' });
  });
});
