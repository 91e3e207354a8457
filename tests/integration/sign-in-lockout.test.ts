import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { admins, mailboxes, signInThrottle } from '@/db/schema';
import { addDeviceToken, deviceCookieName, issueDeviceToken, readDeviceCookie } from '@/lib/auth/device-cookie';
import { hashPassword } from '@/lib/auth/password';
import { signInWithCode, signInWithPassword, type SignInResult } from '@/lib/auth/sign-in';
import { THROTTLE_MAX_ACCOUNT_FAILURES, THROTTLE_MAX_FAILURES, unlockAccount } from '@/lib/auth/throttle';
import { deviceCookieAfterSignIn, rememberDevice } from '@/lib/auth/trusted-device';
import { totpCodeAtStep, totpStep } from '@/lib/auth/totp';
import { enableOwnOtp } from '@/lib/self-service/own-security';
import { pendingOtpSecret } from '@/lib/self-service/otp';
import { adminCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, insertAdmin } from './helpers/fixtures';

// A stranger cannot lock an account out (issue 22, item 7): the sign-in throttle counts per account
// and address, holds the account itself only at a higher ceiling, and lets a browser that signed in
// before (its device cookie) past that ceiling. Runs on both drivers.

const jar = vi.hoisted(() => ({ set: [] as { name: string; value: string; options: Record<string, unknown> }[] }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [], set: (name: string, value: string, options: Record<string, unknown>) => jar.set.push({ name, value, options }) }),
}));

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';

const t = useTestDatabase();
const PASSWORD = 'correct horse battery staple';
const OWNER_IP = '203.0.113.7';
const start = new Date('2025-09-01T10:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const invalid = { ok: false, error: { code: 'invalid' } };
const source = (n: number) => `198.51.${100 + Math.floor(n / 200)}.${(n % 200) + 1}`;

beforeEach(async () => {
  await resetTables(t.db());
  jar.set = [];
});

async function world() {
  const f = await createFixture(t.db());
  const hash = await hashPassword(PASSWORD);
  await t.db().update(mailboxes).set({ passwordHash: hash });
  await t.db().update(admins).set({ passwordHash: hash });
  const superadmin = await insertAdmin(t.db(), { email: 'root@panel.example', role: 'superadmin', passwordHash: hash });
  return { ...f, superadmin };
}

function signIn(identifier: string, { password = PASSWORD, ip = OWNER_IP, now = at(0), device = null as string | null } = {}) {
  return signInWithPassword({ identifier, password }, { ip, now, device });
}

/** A stranger fails the account's ceiling from as many addresses. */
async function attack(identifier: string, now = at(1)) {
  for (let i = 0; i < THROTTLE_MAX_ACCOUNT_FAILURES; i++) expect(await signIn(identifier, { password: 'guess', ip: source(i), now })).toEqual(invalid);
}

/** The device cookie the browser got when `principal` signed in. */
const cookieFor = async (principal: string, cookie: string | null = null) => (await deviceCookieAfterSignIn({ cookie, principal, now: at(0) }))!;

describe('a stranger cannot lock the superadmin out', () => {
  it('locks the account for unknown browsers, but not for one that signed in to it before', async () => {
    const w = await world();
    const principal = `admin:${w.superadmin.id}`;
    expect(await signIn(w.superadmin.email)).toMatchObject({ ok: true, principal });
    const device = await cookieFor(principal);

    await attack(w.superadmin.email);
    expect(await signIn(w.superadmin.email, { now: at(2) })).toEqual({ ok: false, error: { code: 'throttled', minutes: 14 } });
    // The owner's browser: in, from the same address or another.
    expect(await signIn(w.superadmin.email, { now: at(2), device })).toMatchObject({ ok: true, principal });
    expect(await signIn(w.superadmin.email, { now: at(2), device, ip: '192.0.2.200' })).toMatchObject({ ok: true, principal });
    // Upper case, spaces: the same account.
    expect(await signIn(` ${w.superadmin.email.toUpperCase()}`, { now: at(2), device })).toMatchObject({ ok: true });
  });

  it('counts a device’s own failures: 10 lock that device (not the owner’s other browsers)', async () => {
    const w = await world();
    const principal = `admin:${w.superadmin.id}`;
    const stolen = await cookieFor(principal);
    const other = await cookieFor(principal);
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect(await signIn(w.superadmin.email, { password: 'guess', ip: source(i), device: stolen, now: at(1) })).toEqual(invalid);
    }
    expect(await signIn(w.superadmin.email, { device: stolen, now: at(2) })).toMatchObject({ ok: false, error: { code: 'throttled' } });
    expect(await signIn(w.superadmin.email, { device: other, now: at(2) })).toMatchObject({ ok: true });
    // A device's failures do not count against the account's ceiling.
    const [account] = await t.db().select().from(signInThrottle).where(eq(signInThrottle.scope, 'account'));
    expect(account).toBeUndefined();
  });

  it('gives nothing to a cookie of another account, an altered one, or one from before a password change', async () => {
    const w = await world();
    const throttled = { ok: false, error: { code: 'throttled', minutes: 14 } };
    await attack(w.superadmin.email);

    // Another account's cookie (the admin's): still throttled for the superadmin.
    const adminDevice = await cookieFor(`admin:${w.admin.id}`);
    expect(await signIn(w.superadmin.email, { device: adminDevice, now: at(2) })).toEqual(throttled);
    // A token for the superadmin, one byte changed.
    const device = await cookieFor(`admin:${w.superadmin.id}`);
    const altered = `${device.slice(0, 20)}${device[20] === 'A' ? 'B' : 'A'}${device.slice(21)}`;
    expect(await signIn(w.superadmin.email, { device: altered, now: at(2) })).toEqual(throttled);
    expect(readDeviceCookie(altered, at(2).getTime())).toEqual([]);
    // Expired (180 days).
    await attack(w.superadmin.email, new Date(at(0).getTime() + 181 * 24 * 3_600_000));
    expect(await signIn(w.superadmin.email, { device, now: new Date(at(2).getTime() + 181 * 24 * 3_600_000) })).toMatchObject({ ok: false, error: { code: 'throttled' } });

    // After the password changes, the old cookie is worth nothing.
    await t.db().delete(signInThrottle);
    await attack(w.superadmin.email);
    expect(await signIn(w.superadmin.email, { device, now: at(2) })).toMatchObject({ ok: true });
    const NEW = 'another long passphrase';
    await t.db().update(admins).set({ passwordHash: await hashPassword(NEW) }).where(eq(admins.id, w.superadmin.id));
    expect(await signIn(w.superadmin.email, { password: NEW, device, now: at(2) })).toEqual(throttled);
  });

  it('keeps one token per account in the cookie, the last five accounts, and passes the code step too', async () => {
    const w = await world();
    // The admin has OTP: the device passes its ceiling at both steps.
    const now = at(0);
    const secret = (await pendingOtpSecret({ kind: 'admin', id: w.admin.id }))!;
    expect(await enableOwnOtp({ caller: adminCaller(w.admin), ip: OWNER_IP, now, input: { code: totpCodeAtStep(secret, totpStep(now)) } })).toMatchObject({ ok: true });
    let cookie = await cookieFor(`admin:${w.admin.id}`);
    cookie = await cookieFor(`mailbox:${w.mailbox.id}`, cookie);
    cookie = await cookieFor(`admin:${w.admin.id}`, cookie);
    expect(readDeviceCookie(cookie, now.getTime()).map((d) => d.principal)).toEqual([`admin:${w.admin.id}`, `mailbox:${w.mailbox.id}`]);

    await attack(w.admin.email);
    const later = new Date(now.getTime() + 5 * 30_000);
    const step1: SignInResult = await signIn(w.admin.email, { device: cookie, now: later });
    if (step1.ok || step1.error.code !== 'otp') throw new Error(JSON.stringify(step1));
    expect(await signInWithCode({ pendingToken: step1.error.pendingToken, code: totpCodeAtStep(secret, totpStep(later)) }, { ip: OWNER_IP, now: later, device: cookie })).toMatchObject({ ok: true });
    // And the mailbox's token works for the mailbox.
    await attack(w.mailbox.address);
    expect(await signIn(w.mailbox.address, { device: cookie, now: at(2) })).toMatchObject({ ok: true });

    // Seven more accounts later, the five latest are kept.
    for (let i = 0; i < 7; i++) {
      const principal = `mailbox:${1000 + i}`;
      cookie = addDeviceToken(cookie, issueDeviceToken({ principal, account: `u${i}@example.com`, passwordHash: 'h' }), principal);
    }
    expect(readDeviceCookie(cookie).map((d) => d.principal)).toEqual([6, 5, 4, 3, 2].map((i) => `mailbox:${1000 + i}`));
  });

  it('sets the cookie httpOnly, SameSite=Lax, long-lived, Secure with __Host- over https', async () => {
    const w = await world();
    await rememberDevice(`admin:${w.superadmin.id}`, null);
    expect(jar.set).toEqual([
      { name: 'mailpanel-device', value: expect.stringMatching(/^[\w-]+\.[\w-]+$/) as unknown, options: { httpOnly: true, secure: false, sameSite: 'lax', path: '/', maxAge: 180 * 24 * 3600 } },
    ]);
    const previous = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = 'https://panel.example';
    try {
      await rememberDevice(`admin:${w.superadmin.id}`, jar.set[0]!.value);
      expect(jar.set[1]).toMatchObject({ name: deviceCookieName(true), options: { secure: true, httpOnly: true } });
      expect(jar.set[1]!.name).toBe('__Host-mailpanel-device');
      // Re-issued for the same account: one token, a new one.
      expect(readDeviceCookie(jar.set[1]!.value)).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previous;
    }
  });
});

describe('unlocking an account', () => {
  it('ends the account’s locks at once, leaves other accounts’ and addresses’ alone', async () => {
    const w = await world();
    await attack(w.superadmin.email);
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) await signIn(w.mailbox.address, { password: 'guess', now: at(1) });
    expect(await signIn(w.superadmin.email, { now: at(2) })).toMatchObject({ ok: false, error: { code: 'throttled' } });

    expect(await unlockAccount(` ${w.superadmin.email}`.trim())).toBeGreaterThan(1);
    expect(await signIn(w.superadmin.email, { now: at(2) })).toMatchObject({ ok: true });
    expect(await signIn(w.mailbox.address, { now: at(2) })).toMatchObject({ ok: false, error: { code: 'throttled' } });
    expect(await t.db().select().from(signInThrottle).where(eq(signInThrottle.scope, 'ip'))).not.toHaveLength(0);
  });
});
