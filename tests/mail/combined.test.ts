import { describe, expect, it } from 'vitest';
import { createAccountAppPassword } from '@/lib/app-passwords/manage';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { utcToZoned } from '@/lib/time/zoned';
import { deliver, imapLogin, pop3Login } from './helpers/clients';
import { messageCount, subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { KB, listedAccount, login, mailAccount, mailWorld, saveSettings, type Account, type World } from './helpers/world';

// Settings that each work alone, tried together against the real servers.

useMailDatabase();

const SENDER = 'sender@example.net';
const HOUR = 3_600_000;
const body = 'x'.repeat(25 * KB);

/** A 40 KB account with a 25 KB message in it: the next 26 KB do not fit. */
async function fullAccount(w: World): Promise<Account> {
  const a = await mailAccount(w, { quotaBytes: 40 * KB });
  expect((await deliver({ from: SENDER, to: a.address, subject: 'Filler', text: body, size: 26 * KB })).ok).toBe(true);
  await waitForMessages(a.address, 1);
  await waitFor('the usage in the account list', async () => ((await listedAccount(w, a)).usedBytes > 25 * KB ? true : undefined));
  return a;
}

describe('a full mailbox that forwards', () => {
  it('without a copy still passes mail on: only addresses that store mail are asked about room', async () => {
    const w = await mailWorld();
    const target = await mailAccount(w);
    const passes = await fullAccount(w);
    const keeps = await fullAccount(w);
    await saveSettings(w, passes, 'general', { forwards: target.address, forwardKeepCopy: false }, updateGeneral);
    await saveSettings(w, keeps, 'general', { forwards: target.address, forwardKeepCopy: true }, updateGeneral);

    expect(await deliver({ from: SENDER, to: passes.address, subject: 'Passed on', text: body, size: 26 * KB })).toMatchObject({ ok: true });
    // A copy would not fit: the mailbox that keeps one still refuses, forward and all.
    expect(await deliver({ from: SENDER, to: keeps.address, subject: 'Kept', text: body, size: 26 * KB })).toMatchObject({ ok: false, code: 552 });
    await waitForMessages(target.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(target.address)).toEqual(['Passed on']);
    expect(await messageCount(passes.address)).toBe(1);
  });
});

describe('an autoresponder while mail is forwarded without a copy', () => {
  it('replies and forwards: the account\'s Sieve script does both, and keeps nothing (even with a full mailbox)', async () => {
    const w = await mailWorld();
    const target = await mailAccount(w);
    const writer = await mailAccount(w);
    const away = await fullAccount(w);
    await saveSettings(w, away, 'general', { forwards: target.address, forwardKeepCopy: false }, updateGeneral);
    const at = (offset: number) => utcToZoned(new Date(Date.now() + offset), 'UTC');
    await saveSettings(w, away, 'autoresponder', { enabled: true, subject: 'Out of office', body: 'Back on Monday.', startsAt: at(-HOUR), endsAt: at(HOUR) }, updateAutoresponder);

    expect(await deliver({ from: writer.address, to: away.address, subject: 'Are you there?', text: body, size: 26 * KB })).toMatchObject({ ok: true });
    await waitForMessages(target.address, 1);
    await waitForMessages(writer.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(target.address)).toEqual(['Are you there?']);
    expect(await subjects(writer.address)).toEqual(['Out of office']);
    expect(await subjects(away.address)).toEqual(['Filler']);

    // Once the autoresponder is off, the forward goes on as before.
    await saveSettings(w, away, 'autoresponder', { enabled: false }, updateAutoresponder);
    expect(await deliver({ from: writer.address, to: away.address, subject: 'Still there?' })).toMatchObject({ ok: true });
    await waitForMessages(target.address, 2);
    await waitForEmptyQueue();
    expect(await subjects(writer.address)).toEqual(['Out of office']);
    expect(await subjects(away.address)).toEqual(['Filler']);
  });
});

describe('two-step sign-in required and Webmail off', () => {
  it('still lets mail programs in, with an app password the admin creates for the account', async () => {
    const w = await mailWorld();
    // The panel's sign-in needs Webmail, so the owner cannot make an app password; its own password no longer works for mail.
    const locked = await mailAccount(w, { otpRequired: true, webmail: false });
    expect(await imapLogin(login(locked))).toBe(false);

    const result = await createAccountAppPassword({ caller: w.A, ip: '127.0.0.1', mailboxId: locked.id, input: { name: 'Phone', protocol: 'imap' } });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await imapLogin(login(locked, result.data.secret))).toBe(true);
    // For its one protocol only.
    expect((await pop3Login(login(locked, result.data.secret))).ok).toBe(false);
  });
});
