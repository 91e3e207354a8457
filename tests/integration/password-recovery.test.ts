import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, domains, mailboxes, oneTimeTokens, passwordHistory } from '@/db/schema';
import { commonPasswordCount, isCommonPassword } from '@/lib/validations/common-passwords';
import { changeOwnPassword } from '@/lib/self-service/own-security';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { findResetToken, requestPasswordReset, resetPasswordWithToken, RESET_TOKEN_MINUTES } from '@/lib/self-service/recovery';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { updateMasterData } from '@/lib/mailboxes/settings/master-data';
import { newPasswordSchema } from '@/lib/validations/password';
import { adminCaller, userCaller } from './helpers/callers';
import { resetTables, useTestDatabase } from './helpers/db';
import { createFixture, type Fixture } from './helpers/fixtures';

process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';

// Recovery against a real SMTP server (smtp-server, on a free port of 127.0.0.1): what it receives is
// what a mail host would.
type Received = { from: string; to: string[]; raw: string };
const inbox: Received[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = 'mailpanel <panel@hosting.example>';
  process.env.PUBLIC_URL = 'https://panel.hosting.example';
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const t = useTestDatabase();
const IP = '203.0.113.7';
const PASSWORD = 'the current password 1';
const NEW_PASSWORD = 'a brand new long passphrase';
const MINUTE = 60_000;

beforeEach(async () => {
  await resetTables(t.db());
  inbox.length = 0;
});

async function world(values: Partial<typeof mailboxes.$inferInsert> = {}): Promise<Fixture> {
  const f = await createFixture(t.db());
  await t
    .db()
    .update(mailboxes)
    .set({ passwordHash: await hashPassword(PASSWORD), recoveryEmail: 'owner@elsewhere.example', ...values })
    .where(eq(mailboxes.id, f.mailbox.id));
  return f;
}

/** Quoted-printable (what nodemailer uses for text with accents) back to text. */
function decodeQp(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function tokenIn(mail: Received): string {
  const match = /\/login\/reset\?token=([A-Za-z0-9_-]+)/.exec(decodeQp(mail.raw));
  if (!match?.[1]) throw new Error(`no link in ${mail.raw}`);
  return match[1];
}

async function ask(address: string, now = new Date(), ip: string | null = IP) {
  const { result, delivery } = await requestPasswordReset({ input: { address }, ip, now });
  await delivery;
  return result;
}

const tokens = () => t.db().select().from(oneTimeTokens);

describe('password recovery', () => {
  it('mails a single-use link to the recovery address over SMTP, in the account’s language; only its hash is stored', async () => {
    const f = await world({ language: 'it' });
    const now = new Date('2026-03-01T10:00:00Z');
    expect(await ask(` ${f.mailbox.address.toUpperCase()} `, now)).toEqual({ ok: true, data: undefined });

    expect(inbox).toHaveLength(1);
    const mail = inbox[0]!;
    expect(mail.to).toEqual(['owner@elsewhere.example']);
    expect(mail.from).toBe('panel@hosting.example');
    expect(mail.raw).toMatch(/^Content-Language: it/m);
    expect(decodeQp(mail.raw)).toContain('https://panel.hosting.example/login/reset?token=');
    expect(decodeQp(mail.raw)).toContain('Il link vale 30 minuti');

    const token = tokenIn(mail);
    const [row] = await tokens();
    expect(row).toMatchObject({ purpose: 'password_reset', mailboxId: f.mailbox.id, usedAt: null });
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.expiresAt.getTime()).toBe(now.getTime() + RESET_TOKEN_MINUTES * MINUTE);

    // The link sets a new password: sessions end, "force change" is cleared, the old hash joins the history.
    await t.db().update(mailboxes).set({ forcePasswordChange: true }).where(eq(mailboxes.id, f.mailbox.id));
    const [before] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    const later = new Date(now.getTime() + 5 * MINUTE);
    expect(await findResetToken(token, later)).toMatchObject({ mailboxId: f.mailbox.id, address: f.mailbox.address, language: 'it' });
    expect(await resetPasswordWithToken({ token, input: { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, ip: IP, now: later })).toEqual({
      ok: true,
      data: undefined,
    });
    const [after] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    expect(await verifyPassword(NEW_PASSWORD, after!.passwordHash)).toBe(true);
    expect(after!.sessionVersion).toBe(before!.sessionVersion + 1);
    expect(after!.forcePasswordChange).toBe(false);
    expect(after!.passwordChangedAt.getTime()).toBe(later.getTime());
    expect(await t.db().select().from(passwordHistory).where(eq(passwordHistory.mailboxId, f.mailbox.id))).toHaveLength(1);
    expect(await t.db().select().from(auditLog).where(eq(auditLog.action, 'mailbox.password.recovered'))).toHaveLength(1);

    // Single use: the same link again changes nothing.
    expect(await findResetToken(token, later)).toBeNull();
    expect(await resetPasswordWithToken({ token, input: { newPassword: 'yet another passphrase 9', confirmPassword: 'yet another passphrase 9' }, ip: IP, now: later })).toEqual({
      ok: false,
      code: 'refused',
      fieldErrors: {},
      formError: 'recovery.linkInvalid',
    });
    const [still] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    expect(still!.passwordHash).toBe(after!.passwordHash);
    expect((await signInWithPassword({ identifier: f.mailbox.address, password: NEW_PASSWORD }, { ip: IP, now: later })).ok).toBe(true);
  });

  it('expires 30 minutes after it was sent', async () => {
    const f = await world();
    const now = new Date('2026-03-01T10:00:00Z');
    await ask(f.mailbox.address, now);
    const token = tokenIn(inbox[0]!);
    const input = { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    expect(await findResetToken(token, new Date(now.getTime() + 30 * MINUTE - 1000))).not.toBeNull();
    const late = new Date(now.getTime() + 30 * MINUTE);
    expect(await findResetToken(token, late)).toBeNull();
    expect(await resetPasswordWithToken({ token, input, ip: IP, now: late })).toMatchObject({ ok: false, formError: 'recovery.linkInvalid' });
    const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    expect(await verifyPassword(PASSWORD, row!.passwordHash)).toBe(true);
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const f = await world();
    const known = await ask(f.mailbox.address);
    inbox.length = 0;
    const unknown = await ask(`nobody@${f.domain.name}`);
    const malformedDomain = await ask('someone@no-such-domain.example');
    expect(unknown).toEqual(known);
    expect(malformedDomain).toEqual(known);
    expect(inbox).toHaveLength(0);
    expect(await tokens()).toHaveLength(1);
  });

  it('sends nothing when recovery is disabled, password changes are, the account or its domain is inactive, or there is no recovery address', async () => {
    const cases: [string, (f: Fixture) => Promise<unknown>][] = [
      ['recovery disabled', (f) => t.db().update(mailboxes).set({ passwordRecoveryDisabled: true }).where(eq(mailboxes.id, f.mailbox.id))],
      ['change disabled', (f) => t.db().update(mailboxes).set({ passwordChangeDisabled: true }).where(eq(mailboxes.id, f.mailbox.id))],
      ['account inactive', (f) => t.db().update(mailboxes).set({ active: false }).where(eq(mailboxes.id, f.mailbox.id))],
      ['domain inactive', (f) => t.db().update(domains).set({ active: false }).where(eq(domains.id, f.domain.id))],
      ['no recovery address', (f) => t.db().update(mailboxes).set({ recoveryEmail: null }).where(eq(mailboxes.id, f.mailbox.id))],
    ];
    for (const [name, change] of cases) {
      await resetTables(t.db());
      const f = await world();
      await change(f);
      expect(await ask(f.mailbox.address), name).toEqual({ ok: true, data: undefined });
      expect(inbox, name).toHaveLength(0);
      expect(await tokens(), name).toHaveLength(0);
    }
  });

  it('refuses a link when recovery was disabled after it was sent', async () => {
    const f = await world();
    await ask(f.mailbox.address);
    const token = tokenIn(inbox[0]!);
    await t.db().update(mailboxes).set({ passwordRecoveryDisabled: true }).where(eq(mailboxes.id, f.mailbox.id));
    expect(await resetPasswordWithToken({ token, input: { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, ip: IP })).toMatchObject({
      ok: false,
      formError: 'recovery.linkInvalid',
    });
  });

  it('applies the password policy on the reset page; a refused password leaves the link usable', async () => {
    const f = await world({ blockPasswordReuse: true });
    await ask(f.mailbox.address);
    const token = tokenIn(inbox[0]!);
    const reset = (newPassword: string) => resetPasswordWithToken({ token, input: { newPassword, confirmPassword: newPassword }, ip: IP });
    expect(await reset('password1234')).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'recovery.commonPassword' } });
    expect(await reset(`${f.mailbox.localPart} is my name ok`)).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'security.password.mentionsAddress' } });
    expect(await reset('short')).toMatchObject({ ok: false, code: 'validation', fieldErrors: { newPassword: expect.stringContaining('validation.passwordTooShort') } });
    expect(await reset(PASSWORD)).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'mailboxSettings.errors.passwordReused' } });
    expect(await resetPasswordWithToken({ token, input: { newPassword: NEW_PASSWORD, confirmPassword: 'something else entirely' }, ip: IP })).toEqual({
      ok: false,
      code: 'validation',
      fieldErrors: { confirmPassword: 'validation.passwordsDiffer' },
    });
    expect(await reset(NEW_PASSWORD)).toEqual({ ok: true, data: undefined });
  });

  it('keeps one link at a time: a newer request replaces the older link', async () => {
    const f = await world();
    await ask(f.mailbox.address);
    await ask(f.mailbox.address);
    const [first, second] = inbox.map(tokenIn);
    expect(await findResetToken(first!)).toBeNull();
    expect(await findResetToken(second!)).not.toBeNull();
  });

  it('throttles requests per address (10 in 15 minutes) without touching sign-in', async () => {
    const f = await world();
    const now = new Date('2026-03-01T10:00:00Z');
    for (let i = 0; i < 10; i++) expect(await ask(f.mailbox.address, now, `198.51.100.${i + 1}`)).toEqual({ ok: true, data: undefined });
    expect(await ask(f.mailbox.address, now, '198.51.100.99')).toMatchObject({ ok: false, formError: expect.stringContaining('recovery.throttled') });
    expect(inbox).toHaveLength(10);
    // Other addresses are not affected, nor is signing in to this one.
    expect(await ask(`other@${f.domain.name}`, now, '198.51.100.99')).toEqual({ ok: true, data: undefined });
    expect((await signInWithPassword({ identifier: f.mailbox.address, password: PASSWORD }, { ip: '198.51.100.1', now })).ok).toBe(true);
    // 15 minutes later it may ask again.
    expect(await ask(f.mailbox.address, new Date(now.getTime() + 16 * MINUTE), '198.51.100.1')).toEqual({ ok: true, data: undefined });
  });

  it('refuses malformed input beside the field', async () => {
    const { result, delivery } = await requestPasswordReset({ input: { address: 'not an address' }, ip: IP });
    await delivery;
    expect(result).toEqual({ ok: false, code: 'validation', fieldErrors: { address: 'validation.email' } });
    expect((await requestPasswordReset({ input: null, ip: IP })).result).toMatchObject({ ok: false, formError: 'validation.invalid' });
  });

  it('lets the admin set the recovery address in Master data (not the account’s own address)', async () => {
    const f = await world({ recoveryEmail: null });
    const caller = adminCaller(f.admin);
    const settings = await getMailboxSettings({ caller, id: f.mailbox.id });
    expect(settings.initial.masterData.recoveryEmail).toBe('');
    const save = (recoveryEmail: string, version: number) =>
      updateMasterData({ caller, ip: IP, id: f.mailbox.id, input: { ...settings.initial.masterData, version, recoveryEmail } });
    expect(await save(f.mailbox.address, 1)).toEqual({ ok: false, code: 'validation', fieldErrors: { recoveryEmail: 'recovery.field.sameAsAccount' } });
    expect(await save('not-an-address', 1)).toMatchObject({ ok: false, code: 'validation', fieldErrors: { recoveryEmail: 'validation.email' } });
    expect(await save(' Owner@Elsewhere.Example ', 1)).toEqual({ ok: true, data: { version: 2 } });
    const [row] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    expect(row!.recoveryEmail).toBe('owner@elsewhere.example');
    expect(await save('', 2)).toEqual({ ok: true, data: { version: 3 } });
    const [cleared] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    expect(cleared!.recoveryEmail).toBeNull();
  });
});

describe('common passwords', () => {
  it('ships a list of more than 10,000 and refuses its passwords wherever a new password is set', async () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword('Password1234')).toBe(true);
    expect(isCommonPassword('a brand new long passphrase')).toBe(false);
    expect(newPasswordSchema.safeParse('qwertyuiop123').error?.issues[0]?.message).toBe('recovery.commonPassword');
    expect(newPasswordSchema.safeParse(NEW_PASSWORD).success).toBe(true);

    const f = await world();
    const caller = userCaller(f.mailbox);
    const [row] = await t.db().select().from(mailboxes).where(and(eq(mailboxes.id, f.mailbox.id)));
    const result = await changeOwnPassword({
      caller: { ...caller, sessionVersion: row!.sessionVersion },
      ip: IP,
      input: { currentPassword: PASSWORD, newPassword: '1q2w3e4r5t6y', confirmPassword: '1q2w3e4r5t6y' },
    });
    expect(result).toEqual({ ok: false, code: 'validation', fieldErrors: { newPassword: 'recovery.commonPassword' } });
    const [same] = await t.db().select().from(mailboxes).where(eq(mailboxes.id, f.mailbox.id));
    expect(same!.passwordHash).toBe(row!.passwordHash);
  });
});
