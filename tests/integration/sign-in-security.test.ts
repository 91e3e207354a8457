import { execFileSync } from 'node:child_process';
import bcrypt from 'bcrypt';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { admins, auditLog, domains, mailboxes, passwordHistory, signInThrottle } from '@/db/schema';
import { actionContext } from '@/lib/auth/action-context';
import type { Caller, PrincipalRef } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import { getDb } from '@/db';
import { consumeOtpStep } from '@/db/queries/otp';
import { pendingOtpSecret } from '@/lib/self-service/otp';
import { changeOwnPassword, disableOwnOtp, enableOwnOtp, getOwnSecurity } from '@/lib/self-service/own-security';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { issuePendingToken } from '@/lib/auth/pending-token';
import { getCaller, requireCallerAt, requireUser } from '@/lib/auth/session';
import { signInWithCode, signInWithPassword, type SignInResult } from '@/lib/auth/sign-in';
import { pruneThrottle, THROTTLE_MAX_ACCOUNT_FAILURES, THROTTLE_MAX_IP_FAILURES } from '@/lib/auth/throttle';
import { totpCodeAtStep, totpStep } from '@/lib/auth/totp';
import { runAction } from '@/lib/errors';
import { resetMailboxOtp } from '@/lib/mailboxes/settings/reset-otp';
import { adminCaller, postmasterCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertDomain, insertMailbox, type MailboxRow } from './helpers/fixtures';

// The session layer reads the session cookie and the client address from Next's request; here they are
// whatever a test sets.
const request = vi.hoisted(() => ({ session: null as null | { principal: string; sv: number }, ip: null as string | null }));
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [] }) }));
vi.mock('@/lib/auth/session-token', () => ({
  sessionCookieName: () => 'next-auth.session-token',
  sessionTokenFrom: () => (request.session ? 'signed-in' : null),
  decodeSessionToken: async () => (request.session ? { principal: request.session.principal, sessionVersion: request.session.sv, sessionSecret: 'live' } : null),
}));
// The session's own row is tests/integration/sessions.test.ts's subject; here it is live.
vi.mock('@/lib/auth/sessions/load-session-caller', async () => (await import('./authz/support/next-mocks')).alwaysLiveSessionModule);
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => request.ip }));

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';

const t = useTestDatabase();
const PASSWORD = 'correct horse battery staple';
const IP = '192.0.2.10';
const MINUTE = 60_000;

beforeEach(async () => {
  await resetTables(t.db());
  request.session = null;
  request.ip = null;
});

/** The fixture with a known password on every account. */
async function world() {
  const f = await createFixture(t.db());
  const hash = await hashPassword(PASSWORD);
  await t.db().update(mailboxes).set({ passwordHash: hash });
  await t.db().update(admins).set({ passwordHash: hash });
  return f;
}

async function mailbox(id: number): Promise<MailboxRow> {
  const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, id));
  return row!;
}

function signIn(identifier: string, password = PASSWORD, ip: string | null = IP, now = new Date()) {
  return signInWithPassword({ identifier, password }, { ip, now });
}

function pendingTokenOf(result: SignInResult): string {
  if (result.ok || result.error.code !== 'otp') throw new Error(`expected the code step, got ${JSON.stringify(result)}`);
  return result.error.pendingToken;
}

function oathtool(secret: string, at: Date): string {
  return execFileSync('oathtool', ['--totp', '-b', `--now=@${Math.floor(at.getTime() / 1000)}`, secret], { encoding: 'utf8' }).trim();
}

const stepsLater = (from: Date, steps: number) => new Date(from.getTime() + steps * 30_000);

/** Enrols the mailbox's OTP at `now` (with the code the app would show) and returns the secret. */
async function enrol(caller: Caller, now: Date): Promise<string> {
  const secret = await pendingOtpSecret({ kind: caller.kind, id: caller.id });
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await enableOwnOtp({ caller, ip: IP, now, input: { code: totpCodeAtStep(secret!, totpStep(now)) } })).toEqual({ ok: true, data: undefined });
  return secret!;
}

const ref = (row: { id: number }): PrincipalRef => ({ kind: 'mailbox', id: row.id });

describe('everyone signs in, and failures tell nothing apart', () => {
  it('signs in the postmaster, a user with Webmail, and an admin; the same answer for every failure', async () => {
    const f = await world();
    expect(await signIn(f.postmaster.address)).toEqual({ ok: true, principal: `mailbox:${f.postmaster.id}`, sessionVersion: 1 });
    expect(await signIn(f.mailbox.address.toUpperCase())).toEqual({ ok: true, principal: `mailbox:${f.mailbox.id}`, sessionVersion: 1 });
    expect(await signIn(f.admin.email)).toMatchObject({ ok: true, principal: `admin:${f.admin.id}` });
    expect((await mailbox(f.mailbox.id)).lastPanelLoginAt).toBeInstanceOf(Date);

    const invalid = { ok: false, error: { code: 'invalid' } };
    expect(await signIn(f.mailbox.address, 'not the password')).toEqual(invalid);
    expect(await signIn('nobody@nowhere.example')).toEqual(invalid);
    await t.db().update(mailboxes).set({ webmail: false }).where(eq(mailboxes.id, f.mailbox.id));
    // Webmail off is said only to whoever gave the right password (issue 22, item 12); a wrong one is invalid.
    expect(await signIn(f.mailbox.address)).toEqual({ ok: false, error: { code: 'webmailOff' } });
    expect(await signIn(f.mailbox.address, 'not the password')).toEqual(invalid);
    await t.db().update(domains).set({ active: false });
    expect(await signIn(f.postmaster.address)).toEqual(invalid);
  });

  it('spends one bcrypt comparison on an unknown address, as on a wrong password, and about the same time', async () => {
    const f = await world();
    await signIn('warm-up@nowhere.example', 'x'); // the dummy hash is made once
    const compare = vi.spyOn(bcrypt, 'compare');
    try {
      await signIn('nobody@nowhere.example', 'a wrong password');
      expect(compare).toHaveBeenCalledTimes(1);
      compare.mockClear();
      await signIn(f.mailbox.address, 'a wrong password');
      expect(compare).toHaveBeenCalledTimes(1);
      compare.mockClear();
      // Longer than bcrypt takes: never right, but not answered any faster.
      await signIn(f.mailbox.address, 'x'.repeat(100));
      expect(compare).toHaveBeenCalledTimes(1);
    } finally {
      compare.mockRestore();
    }

    const timeOf = async (identifier: string) => {
      await t.db().delete(signInThrottle); // timing, not throttling
      const started = process.hrtime.bigint();
      await signIn(identifier, 'a wrong password');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 15; i++) {
      unknown.push(await timeOf(`nobody${i}@nowhere.example`));
      wrong.push(await timeOf(f.mailbox.address));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    expect(ratio, `unknown ${median(unknown).toFixed(2)} ms, wrong password ${median(wrong).toFixed(2)} ms`).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});

describe('two-step sign-in with TOTP', () => {
  it('enrols with one valid code; the secret is encrypted at rest and stays put until confirmed', async () => {
    const f = await world();
    const pm = postmasterCaller(f.postmaster);
    const secret = await pendingOtpSecret(ref(f.postmaster));
    expect(await pendingOtpSecret(ref(f.postmaster))).toBe(secret); // a reload shows the same QR code
    const stored = (await mailbox(f.postmaster.id)).otpSecretEnc!;
    expect(stored).toBeTruthy();
    expect(stored).not.toContain(secret!);
    const raw = (await t.db().execute(sql`select otp_secret_enc::text as v from mailboxes where id = ${f.postmaster.id}`)) as unknown as { rows: { v: string }[] };
    expect(raw.rows[0]?.v).not.toContain(secret!);

    const now = new Date();
    const wrong = totpCodeAtStep(secret!, totpStep(now) + 5);
    expect(await enableOwnOtp({ caller: pm, ip: IP, now, input: { code: wrong } })).toEqual({ ok: false, code: 'validation', fieldErrors: { code: 'security.otp.badCode' } });
    expect((await mailbox(f.postmaster.id)).otpEnabledAt).toBeNull();
    expect(await enableOwnOtp({ caller: pm, ip: IP, now, input: { code: '12345' } })).toMatchObject({ ok: false, code: 'validation', fieldErrors: { code: 'security.otp.codeFormat' } });

    const code = totpCodeAtStep(secret!, totpStep(now));
    expect(await enableOwnOtp({ caller: pm, ip: IP, now, input: { code } })).toEqual({ ok: true, data: undefined });
    expect(await getOwnSecurity(pm)).toMatchObject({ otpEnabled: true });
    expect(await pendingOtpSecret(ref(f.postmaster))).toBeNull();
    expect(await t.db().select({ action: auditLog.action }).from(auditLog)).toEqual([{ action: 'mailbox.otp.enable' }]);

    // The code that confirmed enrolment cannot also sign in.
    const token = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
    expect(await signInWithCode({ pendingToken: token, code }, { ip: IP, now })).toEqual({ ok: false, error: { code: 'badCode' } });
  });

  it('asks for a code after the password; accepts codes from oathtool once, within one step of drift', async () => {
    const f = await world();
    const enrolledAt = new Date();
    const secret = await enrol(postmasterCaller(f.postmaster), enrolledAt);
    await t.db().update(mailboxes).set({ lastPanelLoginAt: null });

    // Step 1: the right password gives a pending token, not a session.
    let now = stepsLater(enrolledAt, 10);
    const token = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
    expect((await mailbox(f.postmaster.id)).lastPanelLoginAt).toBeNull();
    expect(await signIn(f.postmaster.address, 'wrong password', IP, now)).toEqual({ ok: false, error: { code: 'invalid' } });

    // Step 2 with a code made by an independent implementation.
    const code = oathtool(secret, now);
    expect(code).toBe(totpCodeAtStep(secret, totpStep(now)));
    expect(await signInWithCode({ pendingToken: token, code }, { ip: IP, now })).toEqual({ ok: true, principal: `mailbox:${f.postmaster.id}`, sessionVersion: 1 });
    expect((await mailbox(f.postmaster.id)).lastPanelLoginAt).toBeInstanceOf(Date);
    // Replayed: refused, even with a fresh pending token.
    const again = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
    expect(await signInWithCode({ pendingToken: again, code }, { ip: IP, now })).toEqual({ ok: false, error: { code: 'badCode' } });

    // One step behind, one step ahead: accepted (each once, and only moving forward).
    now = stepsLater(enrolledAt, 20);
    expect(await signInWithCode({ pendingToken: pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now)), code: oathtool(secret, stepsLater(now, -1)) }, { ip: IP, now })).toMatchObject({ ok: true });
    now = stepsLater(enrolledAt, 30);
    const ahead = oathtool(secret, stepsLater(now, 1));
    expect(await signInWithCode({ pendingToken: pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now)), code: ahead }, { ip: IP, now })).toMatchObject({ ok: true });
    // The same code one step later is still within the window, but used: refused.
    const later = stepsLater(now, 1);
    expect(await signInWithCode({ pendingToken: pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, later)), code: ahead }, { ip: IP, now: later })).toMatchObject({ ok: false });

    // Two steps off either way: refused.
    now = stepsLater(enrolledAt, 40);
    const pending = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
    for (const off of [-2, 2]) {
      const far = totpCodeAtStep(secret, totpStep(now) + off);
      const near = [-1, 0, 1].map((d) => totpCodeAtStep(secret, totpStep(now) + d));
      if (near.includes(far)) continue; // a one-in-a-million coincidence of codes
      expect(await signInWithCode({ pendingToken: pending, code: far }, { ip: IP, now }), `${off} steps`).toEqual({ ok: false, error: { code: 'badCode' } });
    }
  });

  it('works the same for an admin', async () => {
    const f = await world();
    const enrolledAt = new Date();
    const secret = await enrol(adminCaller(f.admin), enrolledAt);
    const stored = await t.db().select({ enc: admins.otpSecretEnc }).from(admins).where(eq(admins.id, f.admin.id));
    expect(stored[0]?.enc).not.toContain(secret);
    const now = stepsLater(enrolledAt, 2);
    const token = pendingTokenOf(await signIn(f.admin.email, PASSWORD, IP, now));
    expect(await signInWithCode({ pendingToken: token, code: oathtool(secret, now) }, { ip: IP, now })).toEqual({ ok: true, principal: `admin:${f.admin.id}`, sessionVersion: 1 });
  });

  it('uses a code once even when two requests race with it', async () => {
    const f = await world();
    const enrolledAt = new Date();
    const secret = await enrol(postmasterCaller(f.postmaster), enrolledAt);
    const now = stepsLater(enrolledAt, 3);
    const token = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
    const code = totpCodeAtStep(secret, totpStep(now));
    const results = await Promise.all([1, 2, 3].map(() => signInWithCode({ pendingToken: token, code }, { ip: IP, now })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // And the check-and-set itself: a step is taken once, an earlier one never.
    expect(await consumeOtpStep({ ex: getDb(), owner: ref(f.postmaster), step: totpStep(now) })).toBe(false);
    expect(await consumeOtpStep({ ex: getDb(), owner: ref(f.postmaster), step: totpStep(now) - 1 })).toBe(false);
    expect(await consumeOtpStep({ ex: getDb(), owner: ref(f.postmaster), step: totpStep(now) + 1 })).toBe(true);
  });

  it('refuses an altered, expired or outdated pending token', async () => {
    const f = await world();
    const enrolledAt = new Date();
    const secret = await enrol(postmasterCaller(f.postmaster), enrolledAt);
    const now = stepsLater(enrolledAt, 4);
    const code = totpCodeAtStep(secret, totpStep(now));
    const token = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
    const restart = { ok: false, error: { code: 'restart' } };

    const [body = '', signature = ''] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, sub: `mailbox:${f.mailbox.id}` })).toString('base64url')}.${signature}`;
    expect(await signInWithCode({ pendingToken: forged, code }, { ip: IP, now })).toEqual(restart);
    expect(await signInWithCode({ pendingToken: `${body}.${signature.slice(1)}`, code }, { ip: IP, now })).toEqual(restart);
    expect(await signInWithCode({ pendingToken: token, code }, { ip: IP, now: new Date(now.getTime() + 5 * MINUTE + 1) })).toEqual(restart);
    // Another principal's token cannot be made without the server secret; one for an account without OTP gets nowhere.
    const other = issuePendingToken({ principal: `mailbox:${f.mailbox.id}`, sessionVersion: 1, account: f.mailbox.address }, now.getTime());
    expect(await signInWithCode({ pendingToken: other, code }, { ip: IP, now })).toEqual({ ok: false, error: { code: 'badCode' } });

    // The password was reset by the admin between the two steps: the pending token died with the old version.
    await t.db().update(mailboxes).set({ sessionVersion: sql`${mailboxes.sessionVersion} + 1` }).where(eq(mailboxes.id, f.postmaster.id));
    expect(await signInWithCode({ pendingToken: token, code }, { ip: IP, now })).toEqual(restart);
  });
});

describe('forced OTP, turning OTP off, resetting it', () => {
  it('sends an account with OTP required but not set up to enrolment before anything else', async () => {
    const f = await world();
    await t.db().update(mailboxes).set({ otpRequired: true }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller(ref(f.mailbox), 1)).toMatchObject({ role: 'user', gate: 'enrolOtp' });
    // Sign-in works with the password (there is no code yet); the session is gated.
    expect(await signIn(f.mailbox.address)).toMatchObject({ ok: true });

    request.session = { principal: `mailbox:${f.mailbox.id}`, sv: 1 };
    await expect(requireUser()).rejects.toMatchObject({ digest: expect.stringContaining(';/security/otp;') as unknown });
    await expect(requireCallerAt('changePassword')).rejects.toMatchObject({ digest: expect.stringContaining(';/security/otp;') as unknown });
    expect(await requireCallerAt('enrolOtp')).toMatchObject({ gate: 'enrolOtp' });
    await expect(actionContext({ permission: 'self:read' })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden', reason: 'gate' });
    expect(await runAction(async () => ({ ok: true as const, data: await actionContext({ permission: 'self:read' }) }))).toEqual({ ok: false, code: 'forbidden', reason: 'gate', fieldErrors: {}, formError: 'security.gate.actionRefused' });
    expect(await actionContext({ permission: 'self:read', allowGate: 'enrolOtp' })).toMatchObject({ caller: { id: f.mailbox.id } });

    const caller = (await getCaller())!;
    await enrol(caller, new Date());
    expect(await loadCaller(ref(f.mailbox), 1)).not.toHaveProperty('gate');
    expect(await requireUser()).toMatchObject({ id: f.mailbox.id });
    // Now the password alone is not enough.
    expect(await signIn(f.mailbox.address)).toMatchObject({ ok: false, error: { code: 'otp' } });
  });

  it('turns OTP off only with a valid code and when not required; every session ends', async () => {
    const f = await world();
    const caller = userCaller(f.mailbox);
    const enrolledAt = new Date();
    const secret = await enrol(caller, enrolledAt);
    const now = stepsLater(enrolledAt, 2);

    expect(await disableOwnOtp({ caller, ip: IP, now, input: { code: totpCodeAtStep(secret, totpStep(now) + 7) } })).toEqual({ ok: false, code: 'validation', fieldErrors: { code: 'security.otp.badCode' } });
    await t.db().update(mailboxes).set({ otpRequired: true }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await disableOwnOtp({ caller, ip: IP, now, input: { code: totpCodeAtStep(secret, totpStep(now)) } })).toEqual({ ok: false, code: 'refused', fieldErrors: {}, formError: 'security.otp.requiredCannotDisable' });
    await t.db().update(mailboxes).set({ otpRequired: false }).where(eq(mailboxes.id, f.mailbox.id));
    expect((await mailbox(f.mailbox.id)).otpEnabledAt).not.toBeNull();

    expect(await disableOwnOtp({ caller, ip: IP, now, input: { code: totpCodeAtStep(secret, totpStep(now)) } })).toEqual({ ok: true, data: { sessionVersion: 2 } });
    expect(await mailbox(f.mailbox.id)).toMatchObject({ otpSecretEnc: null, otpEnabledAt: null, otpLastStep: null, sessionVersion: 2 });
    expect(await loadCaller(ref(f.mailbox), 1)).toBeNull(); // the old session is over
    expect(await signIn(f.mailbox.address)).toMatchObject({ ok: true, sessionVersion: 2 });
  });

  it('lets the admin reset an account’s OTP, ending its sessions; a postmaster of another domain may not', async () => {
    const f = await world();
    const secret = await enrol(userCaller(f.mailbox), new Date());
    expect(secret).toBeTruthy();
    const otherDomain = await insertDomain(t.db(), { adminId: f.admin.id, planId: f.plan.id });
    const otherPm = await insertMailbox(t.db(), otherDomain, 'postmaster', { isPostmaster: true, quotaBytes: 52_428_800 });
    await expect(resetMailboxOtp({ caller: postmasterCaller(otherPm), ip: IP, id: f.mailbox.id })).rejects.toMatchObject({ name: 'Failure', code: 'notFound' });
    expect((await mailbox(f.mailbox.id)).otpEnabledAt).not.toBeNull();

    expect(await resetMailboxOtp({ caller: adminCaller(f.admin), ip: IP, id: f.mailbox.id })).toMatchObject({ ok: true });
    expect(await mailbox(f.mailbox.id)).toMatchObject({ otpEnabledAt: null, otpSecretEnc: null, sessionVersion: 2 });
    expect(await loadCaller(ref(f.mailbox), 1)).toBeNull();
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'mailbox.otp.reset'));
    expect(audit).toMatchObject({ actorAdminId: f.admin.id, targetLabel: f.mailbox.address, ip: IP });
  });
});

describe('password policies', () => {
  const NEW = 'a fresh passphrase for me';

  it('gates a forced or expired password to the change page, and only then', async () => {
    const f = await world();
    const now = new Date('2025-06-15T12:00:00Z');
    await t.db().update(mailboxes).set({ forcePasswordChange: true }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller(ref(f.mailbox), 1, { now })).toMatchObject({ gate: 'changePassword' });

    await t.db().update(mailboxes).set({ forcePasswordChange: false, passwordExpiryMonths: 3, passwordChangedAt: new Date('2025-03-16T12:00:00Z') }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller(ref(f.mailbox), 1, { now })).not.toHaveProperty('gate');
    await t.db().update(mailboxes).set({ passwordChangedAt: new Date('2025-03-15T12:00:00Z') }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller(ref(f.mailbox), 1, { now })).toMatchObject({ gate: 'changePassword' });
    await t.db().update(mailboxes).set({ passwordExpiryMonths: 6 }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller(ref(f.mailbox), 1, { now })).not.toHaveProperty('gate');

    // Both forced: the password first, then OTP enrolment.
    await t.db().update(mailboxes).set({ forcePasswordChange: true, otpRequired: true }).where(eq(mailboxes.id, f.mailbox.id));
    request.session = { principal: `mailbox:${f.mailbox.id}`, sv: 1 };
    await expect(requireUser()).rejects.toMatchObject({ digest: expect.stringContaining(';/security/password;') as unknown });
    await expect(requireCallerAt('enrolOtp')).rejects.toMatchObject({ digest: expect.stringContaining(';/security/password;') as unknown });
    await expect(actionContext({ permission: 'self:read', allowGate: 'enrolOtp' })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden', reason: 'gate' });
    const caller = (await actionContext({ permission: 'self:read', allowGate: 'changePassword' })).caller;
    expect(await changeOwnPassword({ caller, ip: IP, input: { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW } })).toMatchObject({ ok: true });
    request.session = { principal: `mailbox:${f.mailbox.id}`, sv: 2 };
    await expect(requireUser()).rejects.toMatchObject({ digest: expect.stringContaining(';/security/otp;') as unknown });
  });

  it('changes the password: checks, history, flags, and every session ends', async () => {
    const f = await world();
    await t.db().update(mailboxes).set({ forcePasswordChange: true }).where(eq(mailboxes.id, f.mailbox.id));
    const caller = userCaller(f.mailbox);
    const change = (input: Record<string, string>, who: Caller = caller) => changeOwnPassword({ caller: who, ip: IP, input: { currentPassword: PASSWORD, confirmPassword: input.newPassword ?? '', ...input } });
    const local = f.mailbox.address.split('@')[0]!;

    expect(await change({ currentPassword: 'not my password', newPassword: NEW })).toEqual({ ok: false, code: 'validation', fieldErrors: { currentPassword: 'security.password.currentWrong' } });
    expect(await change({ newPassword: 'a'.repeat(73) })).toMatchObject({ ok: false, fieldErrors: { newPassword: 'validation.passwordTooLong|{"max":72}' } });
    expect(await change({ newPassword: 'é'.repeat(37) })).toMatchObject({ ok: false, fieldErrors: { newPassword: 'validation.passwordTooLong|{"max":72}' } });
    expect(await change({ newPassword: `my ${local} forever!` })).toMatchObject({ ok: false, code: 'validation', fieldErrors: { newPassword: 'security.password.mentionsAddress' } });
    expect(await change({ newPassword: `welcome to ${f.domain.name}` })).toMatchObject({ ok: false, code: 'validation', fieldErrors: { newPassword: 'security.password.mentionsAddress' } });
    expect(await change({ newPassword: PASSWORD })).toMatchObject({ ok: false, code: 'validation', fieldErrors: { newPassword: 'security.password.sameAsCurrent' } });
    expect(await change({ newPassword: NEW, confirmPassword: 'something else' })).toMatchObject({ ok: false, code: 'validation', fieldErrors: { confirmPassword: 'validation.passwordsDiffer' } });
    expect((await mailbox(f.mailbox.id)).sessionVersion).toBe(1);

    const before = await mailbox(f.mailbox.id);
    const now = new Date('2025-07-01T08:00:00Z');
    expect(await changeOwnPassword({ caller, ip: IP, now, input: { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW } })).toEqual({ ok: true, data: { sessionVersion: 2 } });
    const after = await mailbox(f.mailbox.id);
    expect(after).toMatchObject({ forcePasswordChange: false, sessionVersion: 2, passwordChangedAt: now, version: before.version + 1 });
    expect(after.passwordHash).toMatch(/^\$2b\$/);
    expect(await verifyPassword(NEW, after.passwordHash)).toBe(true);
    expect(await t.db().select({ hash: passwordHistory.passwordHash }).from(passwordHistory)).toEqual([{ hash: before.passwordHash }]);
    expect(await loadCaller(ref(f.mailbox), 1)).toBeNull(); // every session of the old version ends
    expect(await loadCaller(ref(f.mailbox), 2)).toMatchObject({ id: f.mailbox.id });
    expect(await loadCaller(ref(f.mailbox), 2)).not.toHaveProperty('gate');
    expect(await signIn(f.mailbox.address, NEW)).toMatchObject({ ok: true, sessionVersion: 2 });
    expect(await signIn(f.mailbox.address, PASSWORD)).toMatchObject({ ok: false });
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'mailbox.password.changeOwn'));
    expect(audit).toMatchObject({ actorMailboxId: f.mailbox.id, ip: IP, details: { forced: true, expired: false } });
    // A session of the old version cannot change it again.
    expect(await change({ currentPassword: NEW, newPassword: 'yet another passphrase' })).toEqual({ ok: false, code: 'conflict', fieldErrors: {}, formError: 'errors.signedOut' });
  });

  it('blocks reuse of the last five passwords when the policy says so', async () => {
    const f = await world();
    await t.db().update(mailboxes).set({ blockPasswordReuse: true }).where(eq(mailboxes.id, f.mailbox.id));
    const passwords = [PASSWORD, ...[1, 2, 3, 4, 5].map((n) => `passphrase number ${n} ok`)];
    let caller: Caller = userCaller(f.mailbox);
    for (let i = 1; i < passwords.length; i++) {
      const result = await changeOwnPassword({ caller, ip: IP, input: { currentPassword: passwords[i - 1]!, newPassword: passwords[i]!, confirmPassword: passwords[i]! } });
      expect(result, `change ${i}`).toMatchObject({ ok: true });
      caller = { ...caller, sessionVersion: caller.sessionVersion + 1 };
    }
    expect(await t.db().select().from(passwordHistory).where(eq(passwordHistory.mailboxId, f.mailbox.id))).toHaveLength(5);
    const current = passwords[5]!;
    // The current one and the four before it: refused.
    for (const old of passwords.slice(1, 5)) {
      expect(await changeOwnPassword({ caller, ip: IP, input: { currentPassword: current, newPassword: old, confirmPassword: old } }), old).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'mailboxSettings.errors.passwordReused' } });
    }
    // The sixth back is allowed again.
    expect(await changeOwnPassword({ caller, ip: IP, input: { currentPassword: current, newPassword: PASSWORD, confirmPassword: PASSWORD } })).toMatchObject({ ok: true });

    // Without the policy, an older password may come back.
    await t.db().update(mailboxes).set({ blockPasswordReuse: false }).where(eq(mailboxes.id, f.mailbox.id));
    caller = { ...caller, sessionVersion: caller.sessionVersion + 1 };
    expect(await changeOwnPassword({ caller, ip: IP, input: { currentPassword: PASSWORD, newPassword: current, confirmPassword: current } })).toMatchObject({ ok: true });
  });

  it('refuses a voluntary change when changes are disabled, but lets a forced or expired one through', async () => {
    const f = await world();
    await t.db().update(mailboxes).set({ passwordChangeDisabled: true }).where(eq(mailboxes.id, f.mailbox.id));
    const caller = userCaller(f.mailbox);
    const input = { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW };
    expect(await changeOwnPassword({ caller, ip: IP, input })).toEqual({ ok: false, code: 'forbidden', fieldErrors: {}, formError: 'security.password.disabled' });
    expect(await getOwnSecurity(caller)).toMatchObject({ passwordChangeDisabled: true, mustChange: false });

    await t.db().update(mailboxes).set({ passwordExpiryMonths: 3, passwordChangedAt: new Date(Date.now() - 100 * 24 * 3600 * 1000) }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await getOwnSecurity(caller)).toMatchObject({ expired: true, mustChange: true });
    expect(await changeOwnPassword({ caller, ip: IP, input })).toMatchObject({ ok: true });

    await t.db().update(mailboxes).set({ forcePasswordChange: true }).where(eq(mailboxes.id, f.mailbox.id));
    const forced = { ...caller, sessionVersion: 2 };
    expect(await changeOwnPassword({ caller: forced, ip: IP, input: { currentPassword: NEW, newPassword: 'and one more passphrase', confirmPassword: 'and one more passphrase' } })).toMatchObject({ ok: true });
  });

  it('lets an admin change its own password (no history), ending its other sessions', async () => {
    const f = await world();
    const caller = adminCaller(f.admin);
    expect(await changeOwnPassword({ caller, ip: IP, input: { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW } })).toEqual({ ok: true, data: { sessionVersion: 2 } });
    expect(await loadCaller({ kind: 'admin', id: f.admin.id }, 1)).toBeNull();
    expect(await signIn(f.admin.email, NEW)).toMatchObject({ ok: true, sessionVersion: 2 });
  });
});

describe('IP restrictions', () => {
  it('refuses a sign-in from outside the list with the same answer as a wrong password, and counts it', async () => {
    const f = await world();
    await t.db().update(mailboxes).set({ allowedIps: ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'] }).where(eq(mailboxes.id, f.mailbox.id));
    const invalid = { ok: false, error: { code: 'invalid' } };
    expect(await signIn(f.mailbox.address, PASSWORD, '127.0.0.1')).toEqual(invalid);
    expect(await signIn(f.mailbox.address, PASSWORD, null)).toEqual(invalid);
    expect(await signIn(f.mailbox.address, PASSWORD, '203.0.113.8')).toEqual(invalid);
    expect(await signIn(f.mailbox.address, PASSWORD, '2001:db9::1')).toEqual(invalid);
    const [counted] = await t.db().select().from(signInThrottle).where(and(eq(signInThrottle.scope, 'account'), eq(signInThrottle.key, f.mailbox.address)));
    expect(counted?.failures).toBe(4);

    expect(await signIn(f.mailbox.address, PASSWORD, '203.0.113.7')).toMatchObject({ ok: true });
    expect(await signIn(f.mailbox.address, PASSWORD, '198.51.100.200')).toMatchObject({ ok: true });
    expect(await signIn(f.mailbox.address, PASSWORD, '2001:db8:1::42')).toMatchObject({ ok: true });
  });

  it('checks the list on every request of the account', async () => {
    const f = await world();
    await t.db().update(mailboxes).set({ allowedIps: ['203.0.113.7', '2001:db8::/32'] }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await loadCaller(ref(f.mailbox), 1, { ip: '203.0.113.7' })).toMatchObject({ id: f.mailbox.id });
    expect(await loadCaller(ref(f.mailbox), 1, { ip: '2001:db8::5' })).toMatchObject({ id: f.mailbox.id });
    expect(await loadCaller(ref(f.mailbox), 1, { ip: '127.0.0.1' })).toBeNull();
    expect(await loadCaller(ref(f.mailbox), 1)).toBeNull(); // an unknown address passes only an empty list

    // Through the session layer, with the address the custom server put on the request.
    request.session = { principal: `mailbox:${f.mailbox.id}`, sv: 1 };
    request.ip = '203.0.113.7';
    expect(await getCaller()).toMatchObject({ id: f.mailbox.id });
    request.ip = '192.0.2.99';
    expect(await getCaller()).toBeNull();
    await expect(actionContext({ permission: 'self:read' })).rejects.toMatchObject({ name: 'Failure', code: 'forbidden', reason: 'signedOut' });
    // Other accounts (an empty list) are reachable from anywhere.
    request.session = { principal: `mailbox:${f.postmaster.id}`, sv: 1 };
    expect(await getCaller()).toMatchObject({ id: f.postmaster.id });
  });
});

describe('throttling', () => {
  const start = new Date('2025-09-01T10:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
  const throttled = (minutes: number) => ({ ok: false, error: { code: 'throttled', minutes } });
  const invalid = { ok: false, error: { code: 'invalid' } };
  /** The nth of many source addresses (all different). */
  const source = (n: number) => `198.51.${100 + Math.floor(n / 200)}.${(n % 200) + 1}`;

  it('refuses an account and address for 15 minutes after 10 failures in 15 minutes, even with the right password', async () => {
    const f = await world();
    for (let i = 0; i < 10; i++) expect(await signIn(f.mailbox.address, 'wrong password', IP, at(i))).toEqual(invalid);
    // Locked at the 10th failure (minute 9) until minute 24, from that address.
    expect(await signIn(f.mailbox.address, PASSWORD, IP, at(9.5))).toEqual(throttled(15));
    expect(await signIn(f.mailbox.address.toUpperCase(), PASSWORD, IP, at(20))).toEqual(throttled(4));
    // The owner elsewhere is not locked out.
    expect(await signIn(f.mailbox.address, PASSWORD, '203.0.113.50', at(10))).toMatchObject({ ok: true });
    // No permanent lockout: after the 15 minutes it works again.
    expect(await signIn(f.mailbox.address, PASSWORD, IP, at(24.5))).toMatchObject({ ok: true });
  });

  it('refuses an account from everywhere after 50 failures in 15 minutes from many addresses', async () => {
    const f = await world();
    for (let i = 0; i < THROTTLE_MAX_ACCOUNT_FAILURES; i++) {
      expect(await signIn(f.mailbox.address, 'wrong password', source(i), at(i / 10))).toEqual(invalid);
    }
    expect(await signIn(f.mailbox.address, PASSWORD, '203.0.113.50', at(6))).toEqual(throttled(14));
    expect(await signIn(f.mailbox.address, PASSWORD, '203.0.113.50', at(20))).toMatchObject({ ok: true });
  });

  it('counts only failures within 15 minutes of the first', async () => {
    const f = await world();
    for (let i = 0; i < 9; i++) await signIn(f.mailbox.address, 'wrong password', IP, at(i));
    // The window started at 0; at 16 a new one starts.
    expect(await signIn(f.mailbox.address, 'wrong password', IP, at(16))).toEqual(invalid);
    expect(await signIn(f.mailbox.address, PASSWORD, IP, at(16.5))).toMatchObject({ ok: true });
  });

  it('treats an address that does not exist the same way', async () => {
    for (let i = 0; i < 10; i++) await signIn('ghost@nowhere.example', 'whatever it is', IP, at(0));
    expect(await signIn('ghost@nowhere.example', 'whatever it is', IP, at(1))).toEqual(throttled(14));
    for (let i = 0; i < THROTTLE_MAX_ACCOUNT_FAILURES; i++) await signIn('ghost2@nowhere.example', 'whatever it is', source(i), at(0));
    expect(await signIn('ghost2@nowhere.example', 'whatever it is', '203.0.113.9', at(1))).toEqual(throttled(14));
  });

  it('starts the account’s count again after a success', async () => {
    const f = await world();
    for (let i = 0; i < 9; i++) await signIn(f.mailbox.address, 'wrong password', IP, at(i / 10));
    expect(await signIn(f.mailbox.address, PASSWORD, IP, at(1))).toMatchObject({ ok: true });
    for (let i = 0; i < 9; i++) expect(await signIn(f.mailbox.address, 'wrong password', IP, at(2))).toEqual(invalid);
    expect(await signIn(f.mailbox.address, PASSWORD, IP, at(3))).toMatchObject({ ok: true });
  });

  it('refuses a source address after 30 failures, whatever accounts it tried', async () => {
    const f = await world();
    for (let i = 0; i < THROTTLE_MAX_IP_FAILURES; i++) await signIn(`someone${i}@nowhere.example`, 'wrong password', '198.51.100.66', at(0));
    expect(await signIn(f.mailbox.address, PASSWORD, '198.51.100.66', at(1))).toEqual(throttled(14));
    expect(await signIn(f.mailbox.address, PASSWORD, '198.51.100.67', at(1))).toMatchObject({ ok: true });
    // IPv6 addresses are counted per /64.
    for (let i = 0; i < THROTTLE_MAX_IP_FAILURES; i++) await signIn(`v6-${i}@nowhere.example`, 'wrong password', `2001:db8:aa:bb::${i + 1}`, at(0));
    expect(await signIn(f.postmaster.address, PASSWORD, '2001:db8:aa:bb:ffff::1', at(1))).toEqual(throttled(14));
    expect(await signIn(f.postmaster.address, PASSWORD, '2001:db8:aa:bc::1', at(1))).toMatchObject({ ok: true });
  });

  it('counts wrong codes too; a known password does not reset the count', async () => {
    const f = await world();
    const enrolledAt = start;
    const secret = await enrol(postmasterCaller(f.postmaster), enrolledAt);
    const now = stepsLater(enrolledAt, 4);
    const wrongCode = totpCodeAtStep(secret, totpStep(now) + 10);
    for (let i = 0; i < 10; i++) {
      const token = pendingTokenOf(await signIn(f.postmaster.address, PASSWORD, IP, now));
      expect(await signInWithCode({ pendingToken: token, code: wrongCode }, { ip: IP, now })).toEqual({ ok: false, error: { code: 'badCode' } });
    }
    expect(await signIn(f.postmaster.address, PASSWORD, IP, now)).toEqual(throttled(15));
  });

  it('does not let a burst of parallel attempts past the limit', async () => {
    const f = await world();
    const results = await Promise.all(Array.from({ length: 15 }, () => signIn(f.mailbox.address, 'wrong password', IP, at(0))));
    const evaluated = results.filter((r) => !r.ok && r.error.code === 'invalid').length;
    expect(evaluated).toBeLessThanOrEqual(10);
    expect(results.filter((r) => !r.ok && r.error.code === 'throttled').length).toBe(15 - evaluated);
    expect(await signIn(f.mailbox.address, PASSWORD, IP, at(1))).toMatchObject({ ok: false, error: { code: 'throttled' } });
  });

  it('forgets counters whose window is over', async () => {
    await signIn('ghost@nowhere.example', 'wrong', IP, at(0));
    expect(await t.db().select().from(signInThrottle)).toHaveLength(3);
    await pruneThrottle(at(10));
    expect(await t.db().select().from(signInThrottle)).toHaveLength(3);
    await pruneThrottle(at(16));
    expect(await t.db().select().from(signInThrottle)).toHaveLength(0);
  });
});
