import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { mailboxes } from '@/db/schema';
import { changeOwnPassword } from '@/lib/self-service/own-security';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { addAppPassword, appPasswordLastUsed, revokeAppPassword } from './helpers/app-passwords';
import { imapLogin, imapSession, pop3Login, smtpAuth, type Credentials } from './helpers/clients';
import { runMailJobs, useMailDatabase } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { login, mailAccount, mailWorld, saveSettings, setDomain, type Account } from './helpers/world';

useMailDatabase();

/** Which of the three protocols let `credentials` in. */
async function logins(credentials: Credentials) {
  return {
    imap: await imapLogin(credentials),
    pop3: (await pop3Login(credentials)).ok,
    smtp: await smtpAuth(credentials),
  };
}

const ALL = { imap: true, pop3: true, smtp: true };
const NONE = { imap: false, pop3: false, smtp: false };
const SERVICES_OFF = { pop: false, imap: false, smtp: false, webmail: false, activesync: false, dav: false, xmpp: false };

describe('services', () => {
  it('refuses IMAP, POP3 or SMTP AUTH when switched off for the account; the others still work', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    expect(await logins(login(a))).toEqual(ALL);

    await saveSettings(w, a, 'general', { services: { ...SERVICES_OFF, pop: true, smtp: true } }, updateGeneral);
    expect(await logins(login(a))).toEqual({ imap: false, pop3: true, smtp: true });

    await saveSettings(w, a, 'general', { services: { ...SERVICES_OFF, imap: true, smtp: true } }, updateGeneral);
    expect(await logins(login(a))).toEqual({ imap: true, pop3: false, smtp: true });

    await saveSettings(w, a, 'general', { services: { ...SERVICES_OFF, imap: true, pop: true } }, updateGeneral);
    expect(await logins(login(a))).toEqual({ imap: true, pop3: true, smtp: false });
  });

  it('refuses a service switched off for the domain, even where the account has it on', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await setDomain(w, { imap: false });
    expect(await logins(login(a))).toEqual({ imap: false, pop3: true, smtp: true });
    await setDomain(w, { imap: true, smtp: false });
    expect(await logins(login(a))).toEqual({ imap: true, pop3: true, smtp: false });
  });

  it('refuses a wrong password and an unknown address', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    expect(await logins(login(a, `${a.password}x`))).toEqual(NONE);
    expect(await logins({ user: `nobody@${w.domain.name}`, pass: a.password })).toEqual(NONE);
  });
});

describe('allowed IPs', () => {
  it('lets the account in only from its listed addresses, on IMAP, POP3 and SMTP AUTH alike', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const from = (localAddress: string): Credentials => ({ ...login(a), localAddress });
    // No list: from anywhere.
    expect(await logins(from('127.0.0.2'))).toEqual(ALL);

    await saveSettings(w, a, 'security', { allowedIps: '127.0.0.2' }, updateSecurity);
    expect(await logins(from('127.0.0.2'))).toEqual(ALL);
    expect(await logins(from('127.0.0.1'))).toEqual(NONE);

    await saveSettings(w, a, 'security', { allowedIps: '10.0.0.0/8\n127.0.0.0/30' }, updateSecurity);
    expect(await logins(from('127.0.0.1'))).toEqual(ALL);
    expect(await logins(from('127.0.0.5'))).toEqual(NONE);
  });
});

describe('expired password and forced change', () => {
  async function changeOwn(a: Account, newPassword: string) {
    const result = await changeOwnPassword({ caller: a.caller, ip: '127.0.0.1', input: { currentPassword: a.password, newPassword, confirmPassword: newPassword } });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  it('refuses every mail login once the password expired, until it is changed in the panel', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await saveSettings(w, a, 'security', { passwordExpiryMonths: 3 }, updateSecurity);
    expect(await logins(login(a))).toEqual(ALL);

    // Four months on: the three-month expiry has passed.
    await getDb().update(mailboxes).set({ passwordChangedAt: sql`now() - interval '4 months'` }).where(eq(mailboxes.id, a.id));
    expect(await logins(login(a))).toEqual(NONE);

    const fresh = 'A brand new password 42';
    await changeOwn(a, fresh);
    expect(await logins(login(a, fresh))).toEqual(ALL);
    expect(await logins(login(a))).toEqual(NONE);
  });

  it('refuses every mail login while a password change is forced, until the user changes it in the panel', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await saveSettings(w, a, 'security', { forcePasswordChange: true }, updateSecurity);
    expect(await logins(login(a))).toEqual(NONE);

    const fresh = 'Another new password 7';
    await changeOwn(a, fresh);
    expect(await logins(login(a, fresh))).toEqual(ALL);
  });
});

describe('OTP: app passwords for mail clients', () => {
  it('refuses the main password on IMAP, POP3 and SMTP once OTP is on, and takes an app password of the same protocol only', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const imapApp = await addAppPassword(a, 'imap');
    const pop3App = await addAppPassword(a, 'pop3');
    const smtpApp = await addAppPassword(a, 'smtp');
    // OTP off: the main password works (app passwords are for accounts behind OTP).
    expect(await logins(login(a))).toEqual(ALL);

    await saveSettings(w, a, 'security', { otpRequired: true }, updateSecurity);
    expect(await logins(login(a))).toEqual(NONE);
    expect(await logins(login(a, imapApp.password))).toEqual({ imap: true, pop3: false, smtp: false });
    expect(await logins(login(a, pop3App.password))).toEqual({ imap: false, pop3: true, smtp: false });
    expect(await logins(login(a, smtpApp.password))).toEqual({ imap: false, pop3: false, smtp: true });
    // The right lookup prefix with a wrong secret part is still refused.
    expect(await imapLogin(login(a, `${imapApp.password.slice(0, 8)}${'z'.repeat(16)}`))).toBe(false);
  });

  it('writes each app password\'s last use, and refuses one once revoked, ending the sessions it opened', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w, { otpRequired: true });
    const imapApp = await addAppPassword(a, 'imap');
    const smtpApp = await addAppPassword(a, 'smtp');
    expect(await appPasswordLastUsed(a, imapApp.id)).toBeNull();

    const before = Date.now() - 1000;
    expect(await imapLogin(login(a, imapApp.password))).toBe(true);
    expect(await smtpAuth(login(a, smtpApp.password))).toBe(true);
    const imapUsed = await waitFor('the IMAP app password\'s last use', () => appPasswordLastUsed(a, imapApp.id).then((d) => d ?? undefined));
    const smtpUsed = await waitFor('the SMTP app password\'s last use', () => appPasswordLastUsed(a, smtpApp.id).then((d) => d ?? undefined));
    expect(imapUsed.getTime()).toBeGreaterThanOrEqual(before);
    expect(smtpUsed.getTime()).toBeGreaterThanOrEqual(before);

    const session = await imapSession(login(a, imapApp.password));
    await revokeAppPassword(a, imapApp.id);
    expect(await imapLogin(login(a, imapApp.password))).toBe(false);
    expect(await smtpAuth(login(a, smtpApp.password))).toBe(true);
    await runMailJobs();
    await waitFor('the IMAP session to end', () => !session.usable);
  });
});
