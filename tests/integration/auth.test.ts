import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { admins, auditLog, domains, mailboxes, oneTimeTokens } from '@/db/schema';
import { loadCaller } from '@/lib/auth/load-caller';
import { hashPassword } from '@/lib/auth/password';
import { createSuperadmin } from '@/lib/setup/create-superadmin';
import { issueSetupToken, isSetupTokenValid } from '@/lib/setup/setup-token';
import { verifyCredentials } from './helpers/credentials';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture } from './helpers/fixtures';

const t = useTestDatabase();
const PASSWORD = 'correct horse battery';

beforeEach(() => resetTables(t.db()));

function setupInput(token: string, overrides: Record<string, unknown> = {}) {
  return { token, name: 'Ada Admin', email: 'Ada@Example.COM', password: PASSWORD, confirmPassword: PASSWORD, ...overrides };
}

describe('first-run setup', () => {
  it('creates the superadmin once from a valid token, then closes', async () => {
    const token = await issueSetupToken(t.db());
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.db().select().from(oneTimeTokens);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(token); // only a hash is kept

    const result = await createSuperadmin(setupInput(token!), '192.0.2.1');
    expect(result).toEqual({ ok: true, data: { email: 'ada@example.com' } });
    const [admin] = await t.db().select().from(admins);
    expect(admin).toMatchObject({ email: 'ada@example.com', role: 'superadmin', active: true });
    expect(admin?.passwordHash).toMatch(/^\$2b\$/);
    const [audit] = await t.db().select().from(auditLog);
    expect(audit).toMatchObject({ action: 'admin.create', ip: '192.0.2.1', targetLabel: 'ada@example.com' });

    expect(await isSetupTokenValid(t.db(), token!)).toBe(false);
    expect(await issueSetupToken(t.db())).toBeNull();
    const again = await createSuperadmin(setupInput(token!, { email: 'eve@example.com' }), null);
    expect(again).toMatchObject({ ok: false, formError: 'setup.linkUsed' });
    expect(await t.db().select().from(admins)).toHaveLength(1);
  });

  it('refuses a wrong or expired token and writes nothing', async () => {
    await issueSetupToken(t.db());
    expect(await createSuperadmin(setupInput('not-the-token'), null)).toMatchObject({ ok: false, formError: 'setup.linkUsed' });
    const old = await issueSetupToken(t.db(), new Date(Date.now() - 25 * 60 * 60 * 1000));
    expect(await createSuperadmin(setupInput(old!), null)).toMatchObject({ ok: false, formError: 'setup.linkUsed' });
    expect(await t.db().select().from(admins)).toHaveLength(0);
    expect(await t.db().select().from(auditLog)).toHaveLength(0);
  });

  it('answers bad input field by field and writes nothing', async () => {
    const token = (await issueSetupToken(t.db()))!;
    const result = await createSuperadmin(
      setupInput(token, { email: 'not an email', password: 'short', confirmPassword: 'other', name: '' }),
      null,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({
      email: 'validation.email',
      name: 'validation.required',
      password: expect.stringContaining('validation.passwordTooShort') as unknown,
    });
    const tooLong = await createSuperadmin(setupInput(token, { password: 'x'.repeat(73), confirmPassword: 'x'.repeat(73) }), null);
    expect(tooLong.ok === false && tooLong.fieldErrors.password).toContain('validation.passwordTooLong');
    expect(await t.db().select().from(admins)).toHaveLength(0);
  });

  it('lets exactly one of two simultaneous attempts win', async () => {
    const token = (await issueSetupToken(t.db()))!;
    const results = await Promise.all([
      createSuperadmin(setupInput(token, { email: 'one@example.com' }), null),
      createSuperadmin(setupInput(token, { email: 'two@example.com' }), null),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db().select().from(admins)).toHaveLength(1);
  });
});

describe('sign-in and the session guard', () => {
  async function seedAdmin() {
    const [admin] = await t
      .db()
      .insert(admins)
      .values({ email: 'root@example.com', role: 'superadmin', passwordHash: await hashPassword(PASSWORD) })
      .returning();
    return admin!;
  }

  it('signs an admin in with the right password only, telling nothing apart', async () => {
    const admin = await seedAdmin();
    expect(await verifyCredentials('ROOT@example.com', PASSWORD)).toEqual({ principal: `admin:${admin.id}`, sessionVersion: 1 });
    expect(await verifyCredentials('root@example.com', 'wrong password!')).toBeNull();
    expect(await verifyCredentials('nobody@example.com', PASSWORD)).toBeNull();
    const [after] = await t.db().select({ lastLoginAt: admins.lastLoginAt }).from(admins);
    expect(after?.lastLoginAt).toBeInstanceOf(Date);
  });

  it('refuses a deactivated admin, and ends its sessions', async () => {
    const admin = await seedAdmin();
    expect(await loadCaller({ kind: 'admin', id: admin.id }, 1)).toMatchObject({ role: 'superadmin', label: 'root@example.com' });
    await t.db().update(admins).set({ active: false }).where(eq(admins.id, admin.id));
    expect(await verifyCredentials('root@example.com', PASSWORD)).toBeNull();
    expect(await loadCaller({ kind: 'admin', id: admin.id }, 1)).toBeNull();
  });

  it('ends existing sessions when the session version moves on (password change)', async () => {
    const admin = await seedAdmin();
    await t.db().update(admins).set({ sessionVersion: sql`${admins.sessionVersion} + 1` }).where(eq(admins.id, admin.id));
    expect(await loadCaller({ kind: 'admin', id: admin.id }, 1)).toBeNull();
    expect(await loadCaller({ kind: 'admin', id: admin.id }, 2)).not.toBeNull();
    expect(await loadCaller({ kind: 'admin', id: admin.id + 1000 }, 1)).toBeNull();
  });

  it('signs in a postmaster; a user needs Webmail; an inactive domain shuts both out', async () => {
    const f = await createFixture(t.db());
    const hash = await hashPassword(PASSWORD);
    await t.db().update(mailboxes).set({ passwordHash: hash });
    const pm = await verifyCredentials(f.postmaster.address, PASSWORD);
    expect(pm?.principal).toBe(`mailbox:${f.postmaster.id}`);
    expect(await loadCaller({ kind: 'mailbox', id: f.postmaster.id }, 1)).toMatchObject({ role: 'postmaster', domainId: f.domain.id });

    expect(await loadCaller({ kind: 'mailbox', id: f.mailbox.id }, 1)).toMatchObject({ role: 'user' });
    await t.db().update(mailboxes).set({ webmail: false }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await verifyCredentials(f.mailbox.address, PASSWORD)).toBeNull();
    expect(await loadCaller({ kind: 'mailbox', id: f.mailbox.id }, 1)).toBeNull();

    await t.db().update(domains).set({ active: false }).where(eq(domains.id, f.domain.id));
    expect(await verifyCredentials(f.postmaster.address, PASSWORD)).toBeNull();
    expect(await loadCaller({ kind: 'mailbox', id: f.postmaster.id }, 1)).toBeNull();
  });
});
