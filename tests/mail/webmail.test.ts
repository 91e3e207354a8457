import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { mailboxes } from '@/db/schema';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { updateSecurity } from '@/lib/mailboxes/settings/security';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';
import { getOwnSettings, updateOwnWebmail } from '@/lib/self-service/own-settings';
import { deliver, imapLogin, smtpAuth } from './helpers/clients';
import { mailServers, useMailDatabase } from './helpers/servers';
import { RoundcubeClient, webmailImapLogin } from './helpers/webmail';
import { servePanelRoute } from './helpers/panel-api';
import { POST as changeWebmailPassword } from '@/app/api/v1/webmail/password/route';
import { auditLog } from '@/db/schema';
import { login, mailAccount, mailWorld, saveSettings, setDomain, type Account } from './helpers/world';

useMailDatabase();

// The panel's address as server.ts establishes it, for the password route served by helpers/panel-api.ts.
vi.mock('@/lib/request/client-ip', async () => {
  const { clientIp } = await import('./helpers/panel-api');
  return { getClientIp: async () => clientIp.current };
});

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

  describe('password changes through the panel', () => {
    let stop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      stop = await servePanelRoute({ port: webmail!.panelApiPort, path: '/api/v1/webmail/password', handler: changeWebmailPassword });
    });
    afterAll(async () => stop?.());

    it("refuses a password the panel's policy refuses, with the panel's Italian reason, and a valid one replaces the old for IMAP", async () => {
      const w = await mailWorld();
      const a = await mailAccount(w, { language: 'it' });
      await saveSettings(w, a, 'webmail', { language: 'it' }, updateWebmail);
      const client = browser('192.0.2.7');
      expect((await client.login(a.address, a.password)).ok).toBe(true);

      const short = await client.changePassword(a.password, 'corta12');
      expect(short.status).toBe(200);
      expect(short.body).toContain('La password deve contenere almeno 12 caratteri');
      const local = a.address.split('@')[0]!;
      const mentions = await client.changePassword(a.password, `${local} lunga abbastanza`);
      expect(mentions.body).toContain('La password non può contenere il tuo indirizzo');
      expect(await imapLogin(login(a))).toBe(true);

      const next = 'Nuova frase segreta 2026';
      const saved = await client.changePassword(a.password, next);
      expect(saved.body).toContain('Salvato correttamente');
      expect(await imapLogin({ user: a.address, pass: next })).toBe(true);
      expect(await imapLogin(login(a))).toBe(false);
      // The person's address came through Roundcube (it trusts the site's proxy) and the panel (it trusts Roundcube).
      const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.targetId, String(a.id)), eq(auditLog.action, 'mailbox.password.changeOwn')));
      expect(audit).toMatchObject({ actorMailboxId: a.id, ip: '192.0.2.7' });
    });

    it('refuses a password change when the current password is wrong', async () => {
      const w = await mailWorld();
      const a = await mailAccount(w);
      const client = browser();
      expect((await client.login(a.address, a.password)).ok).toBe(true);
      const wrong = await client.changePassword('not my password', 'A perfectly fine new phrase');
      expect(wrong.body).not.toContain('Successfully saved');
      expect(await imapLogin(login(a))).toBe(true);
    });

    it('refuses the Roundcube login of an account whose password must change, pointing to the panel', async () => {
      const w = await mailWorld();
      const a = await mailAccount(w, { forcePasswordChange: true });
      const refused = await browser().login(a.address, a.password);
      expect(refused.ok).toBe(false);
      expect(refused.body).toContain('password must be changed');
      expect(refused.body).toContain('panel.mailpanel.test');
    });
  });
});
