import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { mailboxLastLogin } from '@/db/schema';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { deliver, imapLogin, pop3Login, smtpAuth, submit } from './helpers/clients';
import { useMailDatabase, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { listedAccount, login, mailAccount, mailWorld, saveSettings } from './helpers/world';

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
