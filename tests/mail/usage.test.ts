import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { mailboxLastLogin } from '@/db/schema';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { deliver, imapLogin, pop3Login, smtpAuth, submit } from './helpers/clients';
import { homeOf } from '@/lib/jobs/mail-home';
import { doveadm, mailServers, runMailJobs, useMailDatabase, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { KB, listedAccount, login, mailAccount, mailWorld, saveSettings } from './helpers/world';

useMailDatabase();

async function lastLogins(address: string) {
  const [row] = await getDb().select().from(mailboxLastLogin).where(eq(mailboxLastLogin.address, address));
  return row;
}

describe('last access', () => {
  it('is written by the mail servers for IMAP, POP3 and SMTP logins, and shows in the account list', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const wrong = await mailAccount(w);
    expect((await listedAccount(w, a)).lastAccessAt).toBeNull();
    const before = Math.floor(Date.now() / 1000) - 1;

    // Failed logins are no access.
    expect(await imapLogin(login(wrong, 'not the password'))).toBe(false);
    expect((await pop3Login(login(wrong, 'not the password'))).ok).toBe(false);
    expect(await smtpAuth(login(wrong, 'not the password'))).toBe(false);

    expect(await imapLogin(login(a))).toBe(true);
    const imap = await waitFor('the IMAP login to be written', async () => (await lastLogins(a.address))?.imap ?? undefined);
    expect(imap).toBeGreaterThanOrEqual(before);
    const listed = await listedAccount(w, a);
    expect(listed.lastAccessAt?.getTime()).toBe(imap * 1000);

    expect((await pop3Login(login(a))).ok).toBe(true);
    expect(await waitFor('the POP3 login to be written', async () => (await lastLogins(a.address))?.pop3 ?? undefined)).toBeGreaterThanOrEqual(before);
    expect(await smtpAuth(login(a))).toBe(true);
    expect(await waitFor('the SMTP login to be written', async () => (await lastLogins(a.address))?.smtp ?? undefined)).toBeGreaterThanOrEqual(before);

    expect(await lastLogins(wrong.address)).toBeUndefined();
    expect((await listedAccount(w, wrong)).lastAccessAt).toBeNull();
  });
});

describe('daily sending limit', () => {
  it('is counted per message by the policy service and defers the one over the limit; the count is "sent in 24 hours"', async () => {
    const w = await mailWorld();
    const limited = await mailAccount(w);
    const other = await mailAccount(w);
    const [r1, r2] = [await mailAccount(w), await mailAccount(w)];
    await saveSettings(w, limited, 'general', { dailySendLimit: 2 }, updateGeneral);

    // One message to two recipients counts once.
    expect((await submit(login(limited), { from: limited.address, to: [r1.address, r2.address], subject: 'One' })).ok).toBe(true);
    expect((await listedAccount(w, limited)).sent24h).toBe(1);
    expect((await submit(login(limited), { from: limited.address, to: r1.address, subject: 'Two' })).ok).toBe(true);
    expect((await listedAccount(w, limited)).sent24h).toBe(2);

    const deferred = await submit(login(limited), { from: limited.address, to: r1.address, subject: 'Three' });
    expect(deferred).toMatchObject({ ok: false, code: 450 });
    expect(deferred.ok ? '' : deferred.response).toContain('Daily sending limit');
    expect((await listedAccount(w, limited)).sent24h).toBe(2);

    // Others are not affected, and mail coming in is not sending.
    expect((await submit(login(other), { from: other.address, to: r1.address, subject: 'Other' })).ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: limited.address })).ok).toBe(true);
    await waitForMessages(r1.address, 3);
    await waitForMessages(r2.address, 1);
    expect((await listedAccount(w, limited)).sent24h).toBe(2);
    expect((await listedAccount(w, other)).sent24h).toBe(1);

    // A higher limit lets it send again.
    await saveSettings(w, limited, 'general', { dailySendLimit: 3 }, updateGeneral);
    expect((await submit(login(limited), { from: limited.address, to: r1.address, subject: 'Three again' })).ok).toBe(true);
    expect((await listedAccount(w, limited)).sent24h).toBe(3);
  });

  it('lets an account send only as itself', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w);
    const b = await mailAccount(w);
    expect(await submit(login(a), { from: b.address, to: b.address })).toMatchObject({ ok: false, code: 553 });
  });
});

describe('storage used', () => {
  it('is written by the worker after the recalculation a new storage limit asks for', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w, { quotaBytes: 40 * KB });
    expect((await deliver({ from: 'sender@example.net', to: a.address, subject: 'Removed by hand', text: 'y'.repeat(20 * KB) })).ok).toBe(true);
    await waitForMessages(a.address, 1);
    await waitFor('the usage of the first message', async () => ((await listedAccount(w, a)).usedBytes > 20 * KB ? true : undefined));
    expect((await deliver({ from: 'sender@example.net', to: a.address, subject: 'Kept', text: 'x'.repeat(10 * KB) })).ok).toBe(true);
    await waitForMessages(a.address, 2);

    // Someone removes a message on the mail host behind Dovecot's back: only a recalculation notices.
    const maildir = path.join(homeOf(mailServers().mailHomeTemplate, a.address), 'Maildir');
    const files = ['new', 'cur'].flatMap((dir) => fs.readdirSync(path.join(maildir, dir)).map((file) => path.join(maildir, dir, file)));
    fs.rmSync(files.find((file) => fs.statSync(file).size > 20 * KB)!);

    await saveSettings(w, a, 'general', { quotaBytes: 1024 * 1024 * 1024 }, updateGeneral);
    expect(await runMailJobs()).toBeGreaterThanOrEqual(1);
    const quota = await doveadm('-f', 'flow', 'quota', 'get', '-u', a.address);
    const kilobytes = Number(/Type=STORAGE Value=(\d+)/.exec(quota)?.[1]);
    expect(kilobytes).toBeGreaterThan(10);
    expect(kilobytes).toBeLessThan(15);
    const listed = await listedAccount(w, a);
    // doveadm shows kilobytes, rounded up.
    expect(Math.ceil(listed.usedBytes / 1024)).toBe(kilobytes);
  });
});
