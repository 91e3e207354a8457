import { describe, expect, it } from 'vitest';
import { getAddressSettings, updateAddressSettings } from '@/lib/aliases/address-settings';
import { deliver } from './helpers/clients';
import { subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { mailAccount, mailWorld, uniqueName, type World } from './helpers/world';

// A domain's catch-all and plus-addressing in the mail servers (issue 17, points 3 and 5): the catch-all
// is the last virtual_alias_maps lookup ("@domain" from mail.catch_all, the domain's accounts mapped to
// themselves so they keep their mail); plus-addressing off is a check_recipient_access map at RCPT
// (mail.plus_addressing_off), since Postfix's recipient_delimiter is one for the whole server.

useMailDatabase();

async function settings(w: World, input: { catchAll?: string; plusAddressing?: boolean }) {
  const { version } = await getAddressSettings({ caller: w.A, domainId: w.domain.id });
  const result = await updateAddressSettings({ caller: w.A, ip: null, domainId: w.domain.id, input: { version, ...input } });
  if (!result.ok) throw new Error(JSON.stringify(result));
}

describe('catch-all', () => {
  it('off (the default): an unknown address is refused at RCPT', async () => {
    const w = await mailWorld();
    await mailAccount(w);
    expect(await deliver({ from: 'sender@example.net', to: `${uniqueName('nobody')}@${w.domain.name}`, subject: 'Unknown' })).toMatchObject({ ok: false, code: 550 });
    await waitForEmptyQueue();
  });

  it('on: an unknown address reaches the catch-all account, an existing account still gets its own mail', async () => {
    const w = await mailWorld();
    const catcher = await mailAccount(w);
    const anna = await mailAccount(w);
    await settings(w, { catchAll: catcher.address.split('@')[0] });
    expect((await deliver({ from: 'sender@example.net', to: `${uniqueName('nobody')}@${w.domain.name}`, subject: 'To nobody' })).ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: anna.address, subject: 'For Anna' })).ok).toBe(true);
    await waitForMessages(catcher.address, 1);
    await waitForMessages(anna.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(catcher.address)).toEqual(['To nobody']);
    expect(await subjects(anna.address)).toEqual(['For Anna']);

    // Off again: refused again.
    await settings(w, { catchAll: '' });
    expect(await deliver({ from: 'sender@example.net', to: `${uniqueName('nobody')}@${w.domain.name}`, subject: 'Unknown again' })).toMatchObject({ ok: false, code: 550 });
    await waitForEmptyQueue();
  });
});

describe('plus-addressing per domain', () => {
  it('on (the default) user+tag@ reaches user; off it is refused as unknown, while user@ still gets its mail', async () => {
    const w = await mailWorld();
    const anna = await mailAccount(w);
    const [local, domain] = anna.address.split('@') as [string, string];
    expect((await deliver({ from: 'sender@example.net', to: `${local}+news@${domain}`, subject: 'Tagged on' })).ok).toBe(true);
    await waitForMessages(anna.address, 1);

    await settings(w, { plusAddressing: false });
    expect(await deliver({ from: 'sender@example.net', to: `${local}+news@${domain}`, subject: 'Tagged off' })).toMatchObject({ ok: false, code: 550 });
    expect((await deliver({ from: 'sender@example.net', to: anna.address, subject: 'Plain' })).ok).toBe(true);
    await waitForMessages(anna.address, 2);
    await waitForEmptyQueue();
    expect((await subjects(anna.address)).sort()).toEqual(['Plain', 'Tagged on']);
  });
});
