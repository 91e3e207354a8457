import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, mailboxes, mailJobs, passwordHistory } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { THROTTLE_MAX_FAILURES } from '@/lib/auth/throttle';
import { resetTables, useTestDatabase } from '../helpers/db';
import { call } from './helpers/client';
import { apiWorld, PASSWORD, type ApiWorld } from './helpers/world';

// POST /api/v1/webmail/password (operation changeWebmailPassword): what Roundcube's password plugin calls. The account signs with its
// current password; the panel's own rules (changeOwnPassword) decide, and say why in the account's language.

const net = vi.hoisted(() => ({ ip: '192.0.2.1' as string | null }));
vi.mock('@/lib/request/client-ip', () => ({ getClientIp: async () => net.ip }));

const t = useTestDatabase();
let w: ApiWorld;
const NEW = 'another fine passphrase 9';

beforeEach(async () => {
  await resetTables(t.db());
  net.ip = '192.0.2.1';
  w = await apiWorld(t.db());
});

const change = (body: unknown, headers: Record<string, string> = {}) => call('POST', '/webmail/password', { body, headers });

async function row() {
  const [found] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, w.mailbox.id));
  return found!;
}

describe('a password change from the webmail', () => {
  it('changes the hash, keeps the old one in the history, ends the panel sessions, disconnects mail clients and audits', async () => {
    const before = await row();
    const answer = await change({ address: w.mailbox.address.toUpperCase(), currentPassword: PASSWORD, newPassword: NEW });
    expect(answer.status).toBe(204);
    const after = await row();
    expect(await verifyPassword(NEW, after.passwordHash)).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await t.db().select().from(passwordHistory).where(eq(passwordHistory.mailboxId, w.mailbox.id))).toHaveLength(1);
    expect((await t.db().select().from(mailJobs)).some((job) => JSON.stringify(job).includes('kick'))).toBe(true);
    const [audit] = await t.db().select().from(auditLog).where(eq(auditLog.action, 'mailbox.password.changeOwn'));
    expect(audit).toMatchObject({ actorMailboxId: w.mailbox.id, targetId: String(w.mailbox.id), ip: '192.0.2.1' });
  });

  it('refuses a password the policy refuses, with the reason in the account’s language, and changes nothing', async () => {
    const before = await row();
    const en = await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: 'short1' }, { 'accept-language': 'it' });
    expect(en.status).toBe(422);
    expect(en.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', detail: 'The password must be at least 12 characters long.' })]);

    await t.db().update(mailboxes).set({ language: 'it' }).where(eq(mailboxes.id, w.mailbox.id));
    const it = await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: 'short1' }, { 'accept-language': 'en' });
    expect(it.status).toBe(422);
    expect(it.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', detail: 'La password deve contenere almeno 12 caratteri.' })]);
    const local = w.mailbox.address.split('@')[0]!;
    const mentions = await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: `${local} is my long password` });
    expect(mentions.body.errors[0].detail).toBe('La password non può contenere il tuo indirizzo né il nome del tuo dominio.');
    expect((await row()).passwordHash).toBe(before.passwordHash);
  });

  it('refuses a recent password when the account blocks reuse', async () => {
    await t.db().update(mailboxes).set({ blockPasswordReuse: true }).where(eq(mailboxes.id, w.mailbox.id));
    expect((await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: NEW })).status).toBe(204);
    const back = await change({ address: w.mailbox.address, currentPassword: NEW, newPassword: PASSWORD });
    expect(back.status).toBe(422);
    expect(back.body.errors[0]).toMatchObject({ field: 'newPassword', code: 'mailboxSettings.errors.passwordReused' });
    expect(await verifyPassword(NEW, (await row()).passwordHash)).toBe(true);
  });

  it('refuses a wrong current password (401, counted by the throttle until 429) and an admin’s address', async () => {
    const before = await row();
    const wrong = await change({ address: w.mailbox.address, currentPassword: 'not the password', newPassword: NEW });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe('The current password is not correct.');
    expect((await change({ address: w.admin.email, currentPassword: PASSWORD, newPassword: NEW })).status).toBe(401);
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) await change({ address: w.mailbox.address, currentPassword: `wrong ${i}`, newPassword: NEW });
    const locked = await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: NEW });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect((await row()).passwordHash).toBe(before.passwordHash);
  });

  it('refuses an account whose Webmail is off (403), and one outside its allowed addresses (401)', async () => {
    await t.db().update(mailboxes).set({ webmail: false }).where(eq(mailboxes.id, w.mailbox.id));
    const off = await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: NEW });
    expect(off.status).toBe(403);
    expect(off.body.detail).toContain('Webmail is turned off');
    await t.db().update(mailboxes).set({ webmail: true, allowedIps: ['198.51.100.0/24'] }).where(eq(mailboxes.id, w.mailbox.id));
    expect((await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: NEW })).status).toBe(401);
    net.ip = '198.51.100.7';
    expect((await change({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: NEW })).status).toBe(204);
  });

  it('needs no token, and a token does not stand in for the password', async () => {
    const answer = await call('POST', '/webmail/password', { token: w.tokens.user, body: { address: w.mailbox.address, currentPassword: 'nope', newPassword: NEW } });
    expect(answer.status).toBe(401);
  });
});

describe('hostile input', () => {
  const ok = () => ({ address: w.mailbox.address, currentPassword: PASSWORD, newPassword: NEW });

  it('answers problems, never a 500, and changes nothing', async () => {
    const before = await row();
    const cases: [string, Parameters<typeof call>[2], number][] = [
      ['not JSON', { raw: '{"address":', contentType: 'application/json' }, 422],
      ['not declared as JSON', { raw: JSON.stringify(ok()), contentType: 'text/plain' }, 422],
      ['no body', {}, 422],
      ['null', { body: null }, 422],
      ['an array', { body: [ok()] }, 422],
      ['a string', { body: 'password' }, 422],
      ['no address', { body: { currentPassword: PASSWORD, newPassword: NEW } }, 422],
      ['no current password', { body: { address: w.mailbox.address, newPassword: NEW } }, 422],
      ['no new password', { body: { address: w.mailbox.address, currentPassword: PASSWORD } }, 422],
      ['numbers for strings', { body: { address: 1, currentPassword: 2, newPassword: 3 } }, 422],
      ['objects for strings', { body: { address: { $ne: '' }, currentPassword: [PASSWORD], newPassword: NEW } }, 422],
      ['a huge address', { body: { ...ok(), address: `${'a'.repeat(100_000)}@example.com` } }, 422],
      ['a huge current password', { body: { ...ok(), currentPassword: 'x'.repeat(100_000) } }, 422],
      ['a huge new password', { body: { ...ok(), newPassword: 'x'.repeat(5_000) } }, 422],
      ['a body beyond the limit', { raw: JSON.stringify({ ...ok(), padding: 'x'.repeat(1_100_000) }), contentType: 'application/json' }, 413],
      ['SQL in the address', { body: { ...ok(), address: "' OR 1=1 --" } }, 401],
      ['a wildcard address', { body: { ...ok(), address: '%@%' } }, 401],
      ['NUL and control characters', { body: { ...ok(), address: `${w.mailbox.address}\u0000` } }, 422],
      ['a new password with the address in it', { body: { ...ok(), newPassword: `${w.mailbox.address} long enough` } }, 422],
      ['the same password again', { body: { ...ok(), newPassword: PASSWORD } }, 422],
    ];
    for (const [what, options, status] of cases) {
      const answer = await call('POST', '/webmail/password', options);
      expect(answer.status, what).toBe(status);
      expect(answer.headers.get('content-type'), what).toContain('application/problem+json');
    }
    const after = await row();
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
  });
});
