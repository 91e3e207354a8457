import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { admins, auditLog } from '@/db/schema';
import { getAdminSecuritySettings, setAdminAllowedIps, setAdminOtpRequired } from '@/lib/admins/admin-security';
import type { Caller } from '@/lib/auth/caller';
import { loadCaller, loadPrincipal } from '@/lib/auth/load-caller';
import { hashPassword } from '@/lib/auth/password';
import { requirePermission, requireUser } from '@/lib/auth/session';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { totpCodeAtStep, totpStep } from '@/lib/auth/totp';
import { disableOwnOtp, enableOwnOtp, getOwnSecurity } from '@/lib/self-service/own-security';
import { pendingOtpSecret } from '@/lib/self-service/otp';
import { adminCaller, superadminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { insertAdmin } from './helpers/fixtures';

// Admins as protected as accounts (issue 22, item 8): allowed IPs checked at sign-in, on every request
// and on API tokens; the superadmin may require two-step sign-in of every admin. Runs on both drivers.

const request = vi.hoisted(() => ({ session: null as null | { principal: string; sv: number }, ip: null as string | null }));
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [] }) }));
vi.mock('@/lib/auth/session-token', () => ({
  sessionCookieName: () => 'next-auth.session-token',
  sessionTokenFrom: () => (request.session ? 'signed-in' : null),
  decodeSessionToken: async () => (request.session ? { principal: request.session.principal, sessionVersion: request.session.sv, sessionSecret: 'live' } : null),
}));
// The session row is live (sessions have their own tests: sessions.test.ts); here the account's checks are the subject.
vi.mock('@/lib/auth/sessions/load-session-caller', async () => (await import('./authz/support/next-mocks')).alwaysLiveSessionModule);
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => request.ip }));

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';

const t = useTestDatabase();
const PASSWORD = 'correct horse battery staple';
const OFFICE = '203.0.113.7';
const invalid = { ok: false, error: { code: 'invalid' } };

beforeEach(async () => {
  await resetTables(t.db());
  request.session = null;
  request.ip = null;
});

async function world() {
  const passwordHash = await hashPassword(PASSWORD);
  const superadmin = await insertAdmin(t.db(), { email: 'root@panel.example', role: 'superadmin', passwordHash });
  const admin = await insertAdmin(t.db(), { email: 'reseller@panel.example', passwordHash });
  return { superadmin, admin, root: superadminCaller(superadmin), reseller: adminCaller(admin) };
}

const signIn = (identifier: string, ip: string | null) => signInWithPassword({ identifier, password: PASSWORD }, { ip });
const adminRow = async (id: number) => (await t.db().select().from(admins).where(eq(admins.id, id)))[0]!;
const audits = (action: string) => t.db().select().from(auditLog).where(eq(auditLog.action, action));

async function enrol(caller: Caller, now = new Date()): Promise<string> {
  const secret = (await pendingOtpSecret({ kind: caller.kind, id: caller.id }))!;
  expect(await enableOwnOtp({ caller, ip: OFFICE, now, input: { code: totpCodeAtStep(secret, totpStep(now)) } })).toEqual({ ok: true, data: undefined });
  return secret;
}

describe('an admin’s allowed IPs', () => {
  it('are set by the superadmin (audited), and refuse sign-in, sessions and API use from elsewhere', async () => {
    const w = await world();
    // Before: from anywhere.
    expect(await signIn(w.admin.email, '192.0.2.1')).toMatchObject({ ok: true });

    expect(await setAdminAllowedIps({ caller: w.root, ip: OFFICE, input: { id: w.admin.id, allowedIps: '203.0.113.0/24\n2001:DB8::/32' } })).toEqual({
      ok: true,
      data: { allowedIps: ['203.0.113.0/24', '2001:db8::/32'] },
    });
    const [audit] = await audits('admin.allowedIps.update');
    expect(audit).toMatchObject({ actorAdminId: w.superadmin.id, targetId: String(w.admin.id), targetLabel: w.admin.email, ip: OFFICE, details: { before: { allowedIps: [] }, after: { allowedIps: ['203.0.113.0/24', '2001:db8::/32'] } } });

    // Sign-in: the same answer as a wrong password from elsewhere, or from an unknown address.
    expect(await signIn(w.admin.email, '192.0.2.1')).toEqual(invalid);
    expect(await signIn(w.admin.email, null)).toEqual(invalid);
    expect(await signIn(w.admin.email, '203.0.113.200')).toMatchObject({ ok: true, principal: `admin:${w.admin.id}` });
    expect(await signIn(w.admin.email, '2001:db8:5::1')).toMatchObject({ ok: true });
    expect(await signInWithPassword({ identifier: w.admin.email, password: 'not the password' }, { ip: OFFICE })).toEqual(invalid);

    // Every request, and the API (tokens act through loadPrincipal).
    const ref = { kind: 'admin', id: w.admin.id } as const;
    expect(await loadCaller(ref, 1, { ip: '203.0.113.9' })).toMatchObject({ id: w.admin.id, role: 'admin' });
    expect(await loadCaller(ref, 1, { ip: '192.0.2.1' })).toBeNull();
    expect(await loadPrincipal(ref, { ip: '192.0.2.1' })).toBeNull();
    expect(await loadPrincipal(ref, { ip: '203.0.113.9' })).toMatchObject({ caller: { id: w.admin.id } });
    request.session = { principal: `admin:${w.admin.id}`, sv: 1 };
    request.ip = '192.0.2.1';
    await expect(requireUser()).rejects.toMatchObject({ digest: expect.stringContaining(';/login;') as unknown });

    // Other admins are not held by it.
    expect(await signIn(w.superadmin.email, '192.0.2.1')).toMatchObject({ ok: true });
    // Emptied: anywhere again.
    expect(await setAdminAllowedIps({ caller: w.root, ip: OFFICE, input: { id: w.admin.id, allowedIps: [] } })).toMatchObject({ ok: true });
    expect(await signIn(w.admin.email, '192.0.2.1')).toMatchObject({ ok: true });
  });

  it('refuses bad lists with the accounts’ messages, writing nothing; an admin that is not there is not found', async () => {
    const w = await world();
    const set = (allowedIps: unknown, id: unknown = w.admin.id) => setAdminAllowedIps({ caller: w.root, ip: OFFICE, input: { id, allowedIps } });
    expect(await set('10.0.0.1/8')).toEqual({ ok: false, code: 'validation', fieldErrors: { allowedIps: 'mailboxSettings.errors.ipHostBits|{"entry":"10.0.0.1/8","network":"10.0.0.0/8"}' } });
    expect(await set('not-an-ip')).toMatchObject({ ok: false, code: 'validation', fieldErrors: { allowedIps: expect.stringContaining('mailboxSettings.errors.ipInvalid') as unknown } });
    expect(await set('10.0.0.1 10.0.0.1')).toMatchObject({ ok: false, fieldErrors: { allowedIps: expect.stringContaining('mailboxSettings.errors.ipDuplicate') as unknown } });
    expect(await set(['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.1.4', '1.1.1.5', '1.1.1.6'])).toMatchObject({ ok: false, fieldErrors: { allowedIps: expect.stringContaining('mailboxSettings.errors.tooManyIps') as unknown } });
    expect(await set({ evil: true })).toMatchObject({ ok: false, code: 'validation' });
    await expect(set('10.0.0.1', 999_999)).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    await expect(set('10.0.0.1', 'abc')).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect((await adminRow(w.admin.id)).allowedIps).toEqual([]);
    expect(await audits('admin.allowedIps.update')).toEqual([]);
  });

  it('lets only the superadmin set them, and never a list that leaves out the superadmin’s own address', async () => {
    const w = await world();
    await expect(setAdminAllowedIps({ caller: w.reseller, ip: OFFICE, input: { id: w.admin.id, allowedIps: [] } })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden' });
    await expect(setAdminAllowedIps({ caller: w.reseller, ip: OFFICE, input: { id: w.superadmin.id, allowedIps: ['192.0.2.1'] } })).rejects.toMatchObject({ code: 'forbidden' });

    expect(await setAdminAllowedIps({ caller: w.root, ip: OFFICE, input: { id: w.superadmin.id, allowedIps: '192.0.2.0/24' } })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { allowedIps: `admins.allowedIps.excludesYou|{"ip":"${OFFICE}"}` },
    });
    expect(await setAdminAllowedIps({ caller: w.root, ip: null, input: { id: w.superadmin.id, allowedIps: '192.0.2.0/24' } })).toMatchObject({ fieldErrors: { allowedIps: 'admins.allowedIps.addressUnknown' } });
    expect((await adminRow(w.superadmin.id)).allowedIps).toEqual([]);
    expect(await setAdminAllowedIps({ caller: w.root, ip: OFFICE, input: { id: w.superadmin.id, allowedIps: '203.0.113.0/24' } })).toMatchObject({ ok: true });
    expect(await signIn(w.superadmin.email, '192.0.2.1')).toEqual(invalid);
    expect(await signIn(w.superadmin.email, OFFICE)).toMatchObject({ ok: true });
  });
});

describe('two-step sign-in required of every admin', () => {
  it('is refused until the superadmin has OTP itself; then sends an admin without OTP to enrolment, audited', async () => {
    const w = await world();
    expect(await setAdminOtpRequired({ caller: w.root, ip: OFFICE, input: { required: true } })).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'admins.otpPolicy.enrolFirst' });
    await expect(setAdminOtpRequired({ caller: w.reseller, ip: OFFICE, input: { required: true } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await setAdminOtpRequired({ caller: w.root, ip: OFFICE, input: { required: 'yes' } })).toMatchObject({ ok: false, code: 'validation' });
    expect(await getAdminSecuritySettings({ caller: w.root })).toEqual({ adminOtpRequired: false, superadminHasOtp: false });

    const ref = { kind: 'admin', id: w.admin.id } as const;
    expect(await loadCaller(ref, 1)).not.toHaveProperty('gate');
    await enrol(w.root);
    expect(await setAdminOtpRequired({ caller: w.root, ip: OFFICE, input: { required: true } })).toEqual({ ok: true, data: { required: true } });
    expect(await audits('panel.adminOtpRequired.update')).toMatchObject([{ actorAdminId: w.superadmin.id, details: { before: { adminOtpRequired: false }, after: { adminOtpRequired: true } } }]);
    expect(await getAdminSecuritySettings({ caller: w.root })).toEqual({ adminOtpRequired: true, superadminHasOtp: true });

    // The admin without OTP: its password still signs in, and the panel sends it to enrolment first.
    expect(await signIn(w.admin.email, OFFICE)).toMatchObject({ ok: true });
    expect(await loadCaller(ref, 1)).toMatchObject({ gate: 'enrolOtp' });
    expect(await loadPrincipal(ref)).toMatchObject({ caller: { gate: 'enrolOtp' } });
    request.session = { principal: `admin:${w.admin.id}`, sv: 1 };
    await expect(requirePermission('domains:read')).rejects.toMatchObject({ digest: expect.stringContaining(';/security/otp;') as unknown });
    expect(await getOwnSecurity(w.reseller)).toMatchObject({ otpRequired: true, otpEnabled: false });

    // Once enrolled: a code at sign-in, no gate, and it cannot turn OTP off while required.
    const enrolledAt = new Date();
    const secret = await enrol(w.reseller, enrolledAt);
    expect(await loadCaller(ref, 1)).not.toHaveProperty('gate');
    expect(await signIn(w.admin.email, OFFICE)).toMatchObject({ ok: false, error: { code: 'otp' } });
    const later = new Date(enrolledAt.getTime() + 60_000);
    expect(await disableOwnOtp({ caller: w.reseller, ip: OFFICE, now: later, input: { code: totpCodeAtStep(secret, totpStep(later)) } })).toEqual({
      ok: false,
      code: 'refused',
      fieldErrors: {},
      formError: 'security.otp.requiredCannotDisable',
    });

    // Off again: nothing required, and saving the same value writes no audit row.
    expect(await setAdminOtpRequired({ caller: w.root, ip: OFFICE, input: { required: false } })).toMatchObject({ ok: true });
    expect(await setAdminOtpRequired({ caller: w.root, ip: OFFICE, input: { required: false } })).toMatchObject({ ok: true });
    expect(await audits('panel.adminOtpRequired.update')).toHaveLength(2);
    await t.db().update(admins).set({ otpEnabledAt: null, otpSecretEnc: null }).where(eq(admins.id, w.admin.id));
    expect(await loadCaller(ref, 1)).not.toHaveProperty('gate');
  });
});
