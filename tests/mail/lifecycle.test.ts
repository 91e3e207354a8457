import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deleteAccount } from '@/lib/accounts/lifecycle/delete-account';
import { setAccountActive } from '@/lib/accounts/lifecycle/set-account-active';
import { createAccount } from '@/lib/accounts/wizard/create-account';
import { saveAccountStep, saveOptionsStep, saveSecurityStep, saveServicesStep } from '@/lib/accounts/wizard/steps';
import { setDomainActive } from '@/lib/domains/update-domain';
import { homeOf } from '@/lib/jobs/mail-home';
import { deliver, imapLogin, imapSession, pop3Login, smtpAuth } from './helpers/clients';
import { mailServers, messageCount, runMailJobs, useMailDatabase, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { listedAccount, login, mailAccount, mailWorld, uniqueName } from './helpers/world';

useMailDatabase();

const IP = '127.0.0.1';

function must<T>(result: { ok: true; data: T } | { ok: false }): T {
  if (!result.ok) throw new Error(`The panel refused: ${JSON.stringify(result)}`);
  return result.data;
}

/** Resolves when the IMAP connection is closed by the server (or rejects after the timeout). */
function closed(session: Awaited<ReturnType<typeof imapSession>>): Promise<true> {
  if (!session.usable) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The IMAP session is still open.')), 20_000);
    session.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function inboxCount(session: Awaited<ReturnType<typeof imapSession>>): Promise<number | undefined> {
  const status = await session.status('INBOX', { messages: true });
  return status ? status.messages : undefined;
}

describe('an account created through the panel', () => {
  it('logs in over IMAP with the password given in the wizard, and receives mail', async () => {
    const w = await mailWorld();
    const password = 'Wizard made password 9';
    const localPart = uniqueName('new');
    const off = { pop: false, imap: false, smtp: false, webmail: false, activesync: false, dav: false, xmpp: false };
    const steps = { caller: w.A, domainId: w.domain.id };
    const { draftId } = must(
      await saveAccountStep({ ...steps, draftId: null, input: { firstName: 'New', lastName: 'Person', description: '', localPart, passwordMode: 'set', password, confirmPassword: password } }),
    );
    must(await saveServicesStep({ ...steps, draftId, input: { quotaBytes: String(1024 ** 3), services: { ...off, imap: true, smtp: true } } }));
    must(
      await saveSecurityStep({
        ...steps,
        draftId,
        input: { forcePasswordChange: false, passwordExpiryMonths: '0', blockPasswordReuse: false, passwordChangeDisabled: false, passwordRecoveryDisabled: false, otpRequired: false, allowedIps: '', apiAccess: false },
      }),
    );
    must(await saveOptionsStep({ ...steps, draftId, input: { forwards: '', forwardKeepCopy: true, spamToInbox: false } }));
    const created = must(await createAccount({ caller: w.A, ip: IP, domainId: w.domain.id, draftId }));
    expect(created.address).toBe(`${localPart}@${w.domain.name}`);

    const session = await imapSession({ user: created.address, pass: password });
    try {
      expect(await inboxCount(session)).toBe(0);
      expect((await deliver({ from: 'sender@example.net', to: created.address, subject: 'Welcome' })).ok).toBe(true);
      await waitForMessages(created.address, 1);
      expect(await inboxCount(session)).toBe(1);
    } finally {
      await session.logout();
    }
    // POP3 was not among the services chosen in the wizard.
    expect((await pop3Login({ user: created.address, pass: password })).ok).toBe(false);
  });
});

describe('deactivation', () => {
  it('of an account: its open IMAP session ends, logins are refused and incoming mail is rejected; reactivating undoes it', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const session = await imapSession(login(a));
    await session.noop();

    must(await setAccountActive({ caller: w.A, ip: IP, id: a.id, active: false }));
    // New logins are refused at once, before the mail host has done anything.
    expect(await imapLogin(login(a))).toBe(false);
    expect((await listedAccount(w, a)).status).toBe('updating');
    expect(await runMailJobs()).toBeGreaterThan(0);
    expect(await closed(session)).toBe(true);
    expect((await listedAccount(w, a)).status).toBe('offline');

    expect((await pop3Login(login(a))).ok).toBe(false);
    expect(await smtpAuth(login(a))).toBe(false);
    expect(await deliver({ from: 'sender@example.net', to: a.address })).toMatchObject({ ok: false, code: 554 });

    must(await setAccountActive({ caller: w.A, ip: IP, id: a.id, active: true }));
    await runMailJobs();
    expect(await imapLogin(login(a))).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: a.address })).ok).toBe(true);
    await waitForMessages(a.address, 1);
  });

  it('of a domain: every account in it is cut off, its sessions end and its mail is rejected', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const b = await mailAccount(w);
    const other = await mailWorld();
    const c = await mailAccount(other);
    const session = await imapSession(login(a));
    await session.noop();

    must(await setDomainActive({ caller: w.A, ip: IP, id: w.domain.id, active: false }));
    expect(await runMailJobs()).toBeGreaterThan(0);
    expect(await closed(session)).toBe(true);
    for (const account of [a, b]) {
      expect(await imapLogin(login(account))).toBe(false);
      expect((await pop3Login(login(account))).ok).toBe(false);
      expect(await smtpAuth(login(account))).toBe(false);
      expect(await deliver({ from: 'sender@example.net', to: account.address })).toMatchObject({ ok: false, code: 554 });
    }
    // Another domain's account is untouched.
    expect(await imapLogin(login(c))).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: c.address })).ok).toBe(true);

    must(await setDomainActive({ caller: w.A, ip: IP, id: w.domain.id, active: true }));
    expect(await imapLogin(login(a))).toBe(true);
  });
});

describe('deleting an account', () => {
  it('removes its mail from the mail host, and its address no longer receives mail', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    expect((await deliver({ from: 'sender@example.net', to: a.address, subject: 'Keep me?' })).ok).toBe(true);
    await waitForMessages(a.address, 1);
    const home = homeOf(mailServers().mailHomeTemplate, a.address);
    expect(fs.existsSync(home)).toBe(true);

    must(await deleteAccount({ caller: w.A, ip: IP, id: a.id, input: { confirmAddress: a.address } }));
    expect(await runMailJobs()).toBeGreaterThan(0);
    await waitFor('the mail directory to go', () => !fs.existsSync(home));
    expect(await messageCount(a.address)).toBe(0);
    expect(await imapLogin(login(a))).toBe(false);
    expect(await deliver({ from: 'sender@example.net', to: a.address })).toMatchObject({ ok: false, code: 550 });
  });
});
