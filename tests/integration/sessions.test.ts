import { eq } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { admins, auditLog, mailboxes, sessions } from '@/db/schema';
import { endOtherSessionsAction, endSessionAction } from '@/app/(panel)/me/session-actions';
import { changePasswordAction } from '@/app/security/actions';
import { formatPrincipal, type PrincipalRef } from '@/lib/auth/caller';
import { authOptions } from '@/lib/auth/options';
import { hashPassword } from '@/lib/auth/password';
import { getCaller } from '@/lib/auth/session';
import { endSessionBySecret } from '@/lib/auth/sessions/end-session';
import { loadSessionCaller } from '@/lib/auth/sessions/load-session-caller';
import { openSession } from '@/lib/auth/sessions/open-session';
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from '@/lib/auth/sessions/own-sessions';
import { hashSessionSecret } from '@/lib/auth/sessions/secret';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { changeOwnPassword } from '@/lib/self-service/own-security';
import { adminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, type Fixture } from './helpers/fixtures';
import { request, signInAs } from './authz/support/next-mocks';

// Panel sessions on the server (lib/auth/sessions/): each sign-in is a row, every request must find it
// live, signing out deletes it, it ends when idle too long or too old, and one's own list can end one
// session or all the others — never someone else's.

await vi.hoisted(() => import('./authz/support/mock-next-request'));

const t = useTestDatabase();
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const MINUTE = 60_000;
const T0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

let f: Fixture;
let userRef: PrincipalRef;
beforeEach(async () => {
  await resetTables(t.db());
  f = await createFixture(t.db());
  userRef = { kind: 'mailbox', id: f.mailbox.id };
  request.ip = '198.51.100.7';
  request.cookies.clear();
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_MAX_HOURS;
});

async function sessionRow(secret: string) {
  const [row] = await t.db().select().from(sessions).where(eq(sessions.secretHash, hashSessionSecret(secret)));
  return row;
}

describe('a session on the server', () => {
  it('is a row per sign-in, holding only a hash of the secret, and a request needs it live', async () => {
    const secret = await openSession({ ref: userRef, ip: '192.0.2.5', userAgent: FIREFOX, now: T0 });
    const row = await sessionRow(secret);
    expect(row).toMatchObject({ mailboxId: f.mailbox.id, adminId: null, ip: '192.0.2.5', userAgent: FIREFOX, createdAt: T0, lastSeenAt: T0 });
    expect(JSON.stringify(await t.db().select().from(sessions))).not.toContain(secret);
    const caller = await loadSessionCaller(userRef, 1, secret, { now: at(1) });
    expect(caller).toMatchObject({ kind: 'mailbox', id: f.mailbox.id, sessionId: row!.id });
    // Another principal's cookie cannot name this row, nor can an unknown secret.
    expect(await loadSessionCaller({ kind: 'mailbox', id: f.postmaster.id }, 1, secret, { now: at(1) })).toBeNull();
    expect(await loadSessionCaller(userRef, 1, 'made-up', { now: at(1) })).toBeNull();
  });

  it('ends at sign-out for good: a copy of the cookie reads nothing, and next-auth cannot renew it', async () => {
    const jwt = authOptions.callbacks!.jwt!;
    const principal = formatPrincipal(userRef);
    // Sign-in: next-auth's jwt callback with the user authorize() returned.
    const token = (await jwt({ token: {}, user: { id: principal, sv: 1 }, account: null } as never)) as JWT;
    expect(token).toMatchObject({ sub: principal, sv: 1, sid: expect.any(String) as unknown });
    expect(await sessionRow(token.sid!)).toBeDefined();
    // The copied cookie works while the session lives: the page's caller and /api/auth/session.
    signInAs(principal, 1, token.sid);
    expect(await getCaller()).toMatchObject({ id: f.mailbox.id });
    expect(await jwt({ token } as never)).not.toHaveProperty('revoked');

    await authOptions.events!.signOut!({ token, session: null as never });
    expect(await sessionRow(token.sid!)).toBeUndefined();
    expect(await getCaller()).toBeNull();
    // /api/auth/session would re-issue it: the callback marks it revoked, and the session reads empty.
    const renewed = (await jwt({ token } as never)) as JWT;
    expect(renewed.revoked).toBe(true);
    expect(authOptions.callbacks!.session!({ session: { expires: '' }, token: renewed } as never)).toEqual({});
  });

  it('refuses a token from before server-side sessions (no secret)', async () => {
    const jwt = authOptions.callbacks!.jwt!;
    expect(await jwt({ token: { sub: formatPrincipal(userRef), sv: 1 } } as never)).toMatchObject({ revoked: true });
  });

  it('ends after the idle timeout (30 minutes by default), each request keeping it alive', async () => {
    const secret = await openSession({ ref: userRef, ip: null, userAgent: FIREFOX, now: T0 });
    expect(await loadSessionCaller(userRef, 1, secret, { now: at(29) })).not.toBeNull();
    expect(await loadSessionCaller(userRef, 1, secret, { now: at(58) })).not.toBeNull();
    expect(await loadSessionCaller(userRef, 1, secret, { now: at(58 + 31) })).toBeNull();
    // And configurably.
    const other = await openSession({ ref: userRef, ip: null, userAgent: FIREFOX, now: T0 });
    process.env.SESSION_IDLE_MINUTES = '10';
    expect(await loadSessionCaller(userRef, 1, other, { now: at(11) })).toBeNull();
  });

  it('writes its last use at most once a minute, with the address', async () => {
    const secret = await openSession({ ref: userRef, ip: '192.0.2.1', userAgent: FIREFOX, now: T0 });
    await loadSessionCaller(userRef, 1, secret, { ip: '192.0.2.2', now: new Date(T0.getTime() + 30_000) });
    expect(await sessionRow(secret)).toMatchObject({ lastSeenAt: T0, ip: '192.0.2.1' });
    await loadSessionCaller(userRef, 1, secret, { ip: '192.0.2.3', now: at(1.5) });
    expect(await sessionRow(secret)).toMatchObject({ lastSeenAt: at(1.5), ip: '192.0.2.3' });
  });

  it('ends after its absolute lifetime (12 hours by default), however active', async () => {
    const secret = await openSession({ ref: userRef, ip: null, userAgent: FIREFOX, now: T0 });
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) expect(await loadSessionCaller(userRef, 1, secret, { now: at(minutes) }), `${minutes}`).not.toBeNull();
    expect(await loadSessionCaller(userRef, 1, secret, { now: at(12 * 60 + 1) })).toBeNull();
    process.env.SESSION_MAX_HOURS = '2';
    const other = await openSession({ ref: userRef, ip: null, userAgent: FIREFOX, now: T0 });
    for (let minutes = 20; minutes < 120; minutes += 20) expect(await loadSessionCaller(userRef, 1, other, { now: at(minutes) })).not.toBeNull();
    expect(await loadSessionCaller(userRef, 1, other, { now: at(121) })).toBeNull();
  });

  it('clears the owner’s dead sessions at the next sign-in', async () => {
    const old = await openSession({ ref: userRef, ip: null, userAgent: '', now: T0 });
    await openSession({ ref: userRef, ip: null, userAgent: '', now: at(13 * 60) });
    expect(await sessionRow(old)).toBeUndefined();
    expect(await t.db().select().from(sessions)).toHaveLength(1);
  });
});

describe('sessions end with the credential', () => {
  it('a password change by the account itself ends every session row (its own browser gets a new one)', async () => {
    const password = 'the old password 1';
    await t.db().update(mailboxes).set({ passwordHash: await hashPassword(password) }).where(eq(mailboxes.id, f.mailbox.id));
    const a = await openSession({ ref: userRef, ip: null, userAgent: '' });
    const b = await openSession({ ref: userRef, ip: null, userAgent: '' });
    const other = await openSession({ ref: { kind: 'mailbox', id: f.postmaster.id }, ip: null, userAgent: '' });
    const result = await changeOwnPassword({ caller: userCaller(f.mailbox), ip: null, input: { currentPassword: password, newPassword: 'a brand new password 2', confirmPassword: 'a brand new password 2' } });
    expect(result.ok).toBe(true);
    expect(await sessionRow(a)).toBeUndefined();
    expect(await sessionRow(b)).toBeUndefined();
    expect(await sessionRow(other)).toBeDefined();
  });

  it('the browser that changed its own password gets a new session row, the old one and the others end', async () => {
    const password = 'the old password 1';
    await t.db().update(mailboxes).set({ passwordHash: await hashPassword(password) }).where(eq(mailboxes.id, f.mailbox.id));
    const mine = await openSession({ ref: userRef, ip: null, userAgent: '' });
    const other = await openSession({ ref: userRef, ip: null, userAgent: '' });
    signInAs(formatPrincipal(userRef), 1, mine);
    const result = await changePasswordAction({ currentPassword: password, newPassword: 'a brand new password 4', confirmPassword: 'a brand new password 4' });
    expect(result.ok).toBe(true);
    expect(await sessionRow(mine)).toBeUndefined();
    expect(await sessionRow(other)).toBeUndefined();
    const rows = await t.db().select().from(sessions).where(eq(sessions.mailboxId, f.mailbox.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ip).toBe('198.51.100.7');
  });

  it('a password set by the admin ends the account’s session rows', async () => {
    const a = await openSession({ ref: userRef, ip: null, userAgent: '' });
    const admin = adminCaller(f.admin);
    const form = (await getMailboxSettings({ caller: admin, id: f.mailbox.id })).initial.security;
    const result = await updateSecurity({ caller: admin, ip: null, id: f.mailbox.id, input: { ...form, newPassword: 'a brand new password 3', confirmPassword: 'a brand new password 3' } });
    expect(result.ok).toBe(true);
    expect(await sessionRow(a)).toBeUndefined();
    expect(await loadSessionCaller(userRef, 2, a)).toBeNull();
  });

  it('so does any move of the session version (deactivation, OTP reset, the CLI)', async () => {
    const admin = await openSession({ ref: { kind: 'admin', id: f.admin.id }, ip: null, userAgent: '' });
    await t.db().update(admins).set({ sessionVersion: 2 }).where(eq(admins.id, f.admin.id));
    expect(await sessionRow(admin)).toBeUndefined();
  });
});

describe('one’s own sessions', () => {
  async function three() {
    const current = await openSession({ ref: userRef, ip: '192.0.2.1', userAgent: FIREFOX });
    const phone = await openSession({ ref: userRef, ip: '192.0.2.2', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile/15E148 Safari/604.1' });
    const theirs = await openSession({ ref: { kind: 'mailbox', id: f.postmaster.id }, ip: '192.0.2.3', userAgent: FIREFOX });
    return { current: (await sessionRow(current))!, phone: (await sessionRow(phone))!, theirs: (await sessionRow(theirs))!, secrets: { current, phone, theirs } };
  }

  it('lists only the caller’s live sessions, the current one marked, the device summarised', async () => {
    const s = await three();
    const caller = { ...userCaller(f.mailbox), sessionId: s.current.id };
    const list = await listOwnSessions({ caller });
    expect(list.map((row) => row.id).sort()).toEqual([s.current.id, s.phone.id].sort());
    expect(list.find((row) => row.id === s.current.id)).toMatchObject({ current: true, browser: 'Firefox', os: 'Linux', ip: '192.0.2.1' });
    expect(list.find((row) => row.id === s.phone.id)).toMatchObject({ current: false, browser: 'Safari', os: 'iOS', ip: '192.0.2.2' });
  });

  it('ends one of them, audited; another person’s session is not found and lives on', async () => {
    const s = await three();
    const caller = { ...userCaller(f.mailbox), sessionId: s.current.id };
    expect(await endOwnSession({ caller, ip: '192.0.2.9', id: s.phone.id })).toEqual({ ok: true, data: { id: s.phone.id } });
    expect(await loadSessionCaller(userRef, 1, s.secrets.phone)).toBeNull();
    expect(await loadSessionCaller(userRef, 1, s.secrets.current)).not.toBeNull();
    const [audit] = await t.db().select().from(auditLog);
    expect(audit).toMatchObject({ action: 'session.end', actorMailboxId: f.mailbox.id, targetId: String(s.phone.id), domainId: f.domain.id });

    await expect(endOwnSession({ caller, ip: null, id: s.theirs.id })).rejects.toMatchObject({ code: 'notFound' });
    await expect(endOwnSession({ caller, ip: null, id: s.phone.id })).rejects.toMatchObject({ code: 'notFound' });
    await expect(endOwnSession({ caller, ip: null, id: -1 })).rejects.toMatchObject({ code: 'notFound' });
    expect(await sessionRow(s.secrets.theirs)).toBeDefined();
    expect(await t.db().select().from(auditLog)).toHaveLength(1);
  });

  it('signs out everywhere else, keeping the session that asks and everyone else’s', async () => {
    const s = await three();
    const fourth = await openSession({ ref: userRef, ip: null, userAgent: '' });
    const caller = { ...userCaller(f.mailbox), sessionId: s.current.id };
    expect(await endOtherOwnSessions({ caller, ip: null })).toEqual({ ok: true, data: { ended: 2 } });
    expect(await sessionRow(s.secrets.current)).toBeDefined();
    expect(await sessionRow(s.secrets.phone)).toBeUndefined();
    expect(await sessionRow(fourth)).toBeUndefined();
    expect(await sessionRow(s.secrets.theirs)).toBeDefined();
  });

  it('through the actions, as the signed-in browser: the session asking is the one kept', async () => {
    const s = await three();
    signInAs(formatPrincipal(userRef), 1, s.secrets.current);
    expect(await endSessionAction(s.theirs.id)).toMatchObject({ ok: false, formError: 'errors.notFound' });
    expect(await endOtherSessionsAction()).toEqual({ ok: true, data: { ended: 1 } });
    expect(await sessionRow(s.secrets.current)).toBeDefined();
    expect(await sessionRow(s.secrets.theirs)).toBeDefined();
    // Signed out, the actions are refused and end nothing.
    await endSessionBySecret(s.secrets.current);
    expect(await endOtherSessionsAction()).toMatchObject({ ok: false, formError: 'errors.signedOut' });
    expect(await sessionRow(s.secrets.theirs)).toBeDefined();
  });
});
