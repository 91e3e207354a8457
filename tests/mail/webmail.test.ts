import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { mailboxes } from '@/db/schema';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';
import { getOwnSettings, updateOwnWebmail } from '@/lib/self-service/own-settings';
import { deliver, imapLogin, smtpAuth } from './helpers/clients';
import { mailServers, useMailDatabase } from './helpers/servers';
import { RoundcubeClient, webmailImapLogin } from './helpers/webmail';
import { login, mailAccount, mailWorld, saveSettings, setDomain, type Account } from './helpers/world';

useMailDatabase();

const SERVICES_ON = { pop: true, imap: true, smtp: true, webmail: true, activesync: false, dav: false, xmpp: false };

/** IMAP on its public port and the same account through Roundcube's webmail port (IMAP login and SMTP AUTH). */
async function access(account: Account) {
  return {
    imap: await imapLogin(login(account)),
    webmail: await webmailImapLogin(login(account)),
    webmailSmtp: await smtpAuth(login(account), mailServers().ports.webmailSubmission),
  };
}

describe('the Webmail switch, enforced by Dovecot', () => {
  it('refuses logins on the webmail port when Webmail is off while IMAP keeps working, and the reverse', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    expect(await access(a)).toEqual({ imap: true, webmail: true, webmailSmtp: true });

    await saveSettings(w, a, 'general', { services: { ...SERVICES_ON, webmail: false } }, updateGeneral);
    expect(await access(a)).toEqual({ imap: true, webmail: false, webmailSmtp: false });

    await saveSettings(w, a, 'general', { services: { ...SERVICES_ON, imap: false } }, updateGeneral);
    expect(await access(a)).toEqual({ imap: false, webmail: true, webmailSmtp: true });
  });

  it('refuses the webmail when the domain has it off, whatever the account says', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await setDomain(w, { webmail: false });
    expect(await access(a)).toEqual({ imap: true, webmail: false, webmailSmtp: false });
  });

  it("checks the allowed IPs against the person's address Roundcube forwards, not Roundcube's own", async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await saveSettings(w, a, 'security', { allowedIps: '192.0.2.0/24' }, updateSecurity);
    expect(await webmailImapLogin({ ...login(a), forwardedFor: '192.0.2.7' })).toBe(true);
    expect(await webmailImapLogin({ ...login(a), forwardedFor: '198.51.100.7' })).toBe(false);
    // Roundcube's own address (loopback) is not on the list: without the forwarded address, refused.
    expect(await webmailImapLogin(login(a))).toBe(false);
    expect(await imapLogin(login(a))).toBe(false);
  });

  it('refuses the password alone of an account with two-step verification', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await getDb().update(mailboxes).set({ otpRequired: true }).where(eq(mailboxes.id, a.id));
    expect(await webmailImapLogin(login(a))).toBe(false);
  });
});

const webmail = mailServers().webmail;

describe.skipIf(!webmail)('Roundcube', () => {
  const browser = (forwardedFor?: string) => new RoundcubeClient(webmail!.url, forwardedFor);

  it("opens in the panel's language, time zone and formats, and in English at the next login after the user switches", async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await saveSettings(w, a, 'webmail', { language: 'it', timeZone: 'America/New_York', dateFormat: 'dd/MM/yyyy', timeFormat: 'HH:mm' }, updateWebmail);
    // 15:30 UTC on 15 January is 10:30 in New York (EST, UTC-5).
    const sent = await deliver({ from: 'someone@elsewhere.test', to: a.address, subject: 'Orario', headers: { Date: 'Thu, 15 Jan 2026 15:30:00 +0000' } });
    expect(sent.ok).toBe(true);

    const italian = browser();
    const page = await italian.login(a.address, a.password);
    expect(page.ok).toBe(true);
    expect(page.body).toContain('Posta in arrivo');
    expect(page.body).not.toContain('>Inbox<');
    const list = await italian.messageList();
    expect(list).toContain('15/01/2026 10:30');

    // The user switches to English in the panel ("My settings").
    const own = await getOwnSettings(a.caller);
    if (own.kind !== 'mailbox') throw new Error('not a mailbox');
    const saved = await updateOwnWebmail({ caller: a.caller, ip: '127.0.0.1', input: { ...own.initial.webmail, language: 'en', timeFormat: 'h:mm a' } });
    expect(saved.ok).toBe(true);

    const english = browser();
    const next = await english.login(a.address, a.password);
    expect(next.ok).toBe(true);
    expect(next.body).toContain('Inbox');
    expect(next.body).not.toContain('Posta in arrivo');
    expect(await english.messageList()).toContain('15/01/2026 10:30 AM');
  });

  it('refuses the Roundcube login when Webmail is off (IMAP still works), and says how to get in', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await saveSettings(w, a, 'general', { services: { ...SERVICES_ON, webmail: false } }, updateGeneral);
    const refused = await browser().login(a.address, a.password);
    expect(refused.ok).toBe(false);
    expect(refused.body).toContain('sign in to the panel first');
    expect(await imapLogin(login(a))).toBe(true);
  });

  it('refuses an account with forced two-step, pointing to the panel', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await getDb().update(mailboxes).set({ otpRequired: true }).where(eq(mailboxes.id, a.id));
    const refused = await browser().login(a.address, a.password);
    expect(refused.ok).toBe(false);
    expect(refused.body).toContain('two-step verification');
    expect(refused.body).toContain('panel.mailpanel.test');
  });

  it("lets a person in from an allowed address only (the site's proxy forwards it)", async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    await saveSettings(w, a, 'security', { allowedIps: '192.0.2.0/24' }, updateSecurity);
    expect((await browser('192.0.2.7').login(a.address, a.password)).ok).toBe(true);
    expect((await browser('198.51.100.7').login(a.address, a.password)).ok).toBe(false);
  });

  it("shows the domain's accounts as the company address book, without those whose visibility hides them", async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const shown = await mailAccount(w, { firstName: 'Shown', lastName: 'Colleague' });
    const hidden = await mailAccount(w, { firstName: 'Hidden', lastName: 'Colleague' });
    await saveSettings(w, hidden, 'webmail', { inAddressBook: false }, updateWebmail);
    const elsewhere = await mailAccount(await mailWorld());

    const client = browser();
    expect((await client.login(a.address, a.password)).ok).toBe(true);
    const book = await client.companyAddressBook();
    expect(book).toContain(shown.address);
    expect(book).toContain('Shown Colleague');
    expect(book).not.toContain(hidden.address);
    expect(book).not.toContain(elsewhere.address);
  });
});
