import { describe, expect, it } from 'vitest';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';
import { updateGeneral } from '@/lib/mailboxes/settings/general';
import { utcToZoned } from '@/lib/time/zoned';
import { deliver } from './helpers/clients';
import { messageCount, subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { KB, listedAccount, mailAccount, mailWorld, saveSettings } from './helpers/world';

useMailDatabase();

const SENDER = 'sender@example.net';
const HOUR = 3_600_000;

describe('storage limit', () => {
  it('is enforced by Dovecot: mail that does not fit is refused at RCPT, and the usage written back fills "storage used"', async () => {
    const w = await mailWorld();
    const a = await mailAccount(w, { quotaBytes: 40 * KB });
    expect((await listedAccount(w, a)).usedBytes).toBe(0);

    const body = 'x'.repeat(25 * KB);
    expect((await deliver({ from: SENDER, to: a.address, subject: 'Big one', text: body, size: 26 * KB })).ok).toBe(true);
    await waitForMessages(a.address, 1);
    const used = await waitFor('the usage in the account list', async () => {
      const row = await listedAccount(w, a);
      return row.usedBytes > 25 * KB ? row.usedBytes : undefined;
    });
    expect(used).toBeLessThan(40 * KB);

    const refused = await deliver({ from: SENDER, to: a.address, subject: 'Too big now', text: body, size: 26 * KB });
    expect(refused).toMatchObject({ ok: false, code: 552 });
    // What still fits is still accepted.
    expect((await deliver({ from: SENDER, to: a.address, subject: 'Small', size: 1 * KB })).ok).toBe(true);
    await waitForMessages(a.address, 2);
  });
});

describe('forwards', () => {
  it('are delivered by Postfix, with a copy kept only when asked', async () => {
    const w = await mailWorld();
    const target = await mailAccount(w);
    const keeps = await mailAccount(w, { forwards: [target.address], forwardKeepCopy: true });
    const passes = await mailAccount(w);
    await saveSettings(w, passes, 'general', { forwards: target.address, forwardKeepCopy: false }, updateGeneral);

    expect((await deliver({ from: SENDER, to: keeps.address, subject: 'Kept' })).ok).toBe(true);
    expect((await deliver({ from: SENDER, to: passes.address, subject: 'Passed on' })).ok).toBe(true);
    await waitForMessages(target.address, 2);
    await waitForEmptyQueue();
    expect((await subjects(target.address)).sort()).toEqual(['Kept', 'Passed on']);
    expect(await subjects(keeps.address)).toEqual(['Kept']);
    expect(await messageCount(passes.address)).toBe(0);
  });
});

describe('deliver spam to Inbox', () => {
  it('files a message marked as spam in Junk, unless the account has the option on', async () => {
    const w = await mailWorld();
    const plain = await mailAccount(w);
    const inbox = await mailAccount(w);
    await saveSettings(w, inbox, 'general', { spamToInbox: true }, updateGeneral);
    const spam = { from: SENDER, subject: 'Cheap pills', headers: { 'X-Spam-Flag': 'YES' } };

    expect((await deliver({ ...spam, to: plain.address })).ok).toBe(true);
    expect((await deliver({ ...spam, to: inbox.address })).ok).toBe(true);
    expect((await deliver({ from: SENDER, to: plain.address, subject: 'Ham', headers: { 'X-Spam-Flag': 'NO' } })).ok).toBe(true);
    await waitForMessages(plain.address, 1, 'Junk');
    await waitForMessages(inbox.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(plain.address, 'Junk')).toEqual(['Cheap pills']);
    expect(await subjects(plain.address)).toEqual(['Ham']);
    expect(await subjects(inbox.address)).toEqual(['Cheap pills']);
    expect(await messageCount(inbox.address, 'Junk')).toBe(0);
  });
});

describe('reject all incoming mail', () => {
  it('answers 554 at RCPT with the account\'s own message; other accounts still receive', async () => {
    const w = await mailWorld();
    const closed = await mailAccount(w);
    const open = await mailAccount(w);
    await saveSettings(w, closed, 'general', { rejectAll: true, rejectMessage: 'This office moved: write to info@example.org' }, updateGeneral);

    const refused = await deliver({ from: SENDER, to: closed.address });
    expect(refused).toMatchObject({ ok: false, code: 554 });
    expect(refused.ok ? '' : refused.response).toContain('This office moved: write to info@example.org');
    expect((await deliver({ from: SENDER, to: open.address })).ok).toBe(true);
    await waitForMessages(open.address, 1);
    expect(await messageCount(closed.address)).toBe(0);
  });
});

describe('autoresponder', () => {
  it('replies only while the current time is inside its from/until interval', async () => {
    const w = await mailWorld();
    const away = await mailAccount(w);
    const [early, during, late] = [await mailAccount(w), await mailAccount(w), await mailAccount(w)];
    const at = (offset: number) => utcToZoned(new Date(Date.now() + offset), 'UTC');
    const autoresponder = (startsAt: string, endsAt: string) =>
      saveSettings(w, away, 'autoresponder', { enabled: true, subject: 'Out of office', body: 'Back on Monday.\nUrgent: call "the desk".', startsAt, endsAt }, updateAutoresponder);
    let received = 0;
    // Delivered before the next change: Dovecot reads the script when the message arrives.
    const write = async (from: typeof early, subject: string) => {
      expect((await deliver({ from: from.address, to: away.address, subject })).ok).toBe(true);
      await waitForMessages(away.address, (received += 1));
    };

    // Not yet: the interval starts in an hour.
    await autoresponder(at(HOUR), at(2 * HOUR));
    await write(early, 'Before');
    // Now inside it.
    await autoresponder(at(-HOUR), at(HOUR));
    await write(during, 'During');
    // Over: it ended an hour ago.
    await autoresponder(at(-2 * HOUR), at(-HOUR));
    await write(late, 'After');

    await waitForMessages(during.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(during.address)).toEqual(['Out of office']);
    expect(await messageCount(early.address)).toBe(0);
    expect(await messageCount(late.address)).toBe(0);
  });
});
