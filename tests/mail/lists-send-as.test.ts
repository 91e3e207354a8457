import { describe, expect, it } from 'vitest';
import { getAddressSettings, updateAddressSettings } from '@/lib/aliases/address-settings';
import { createAlias } from '@/lib/aliases/create-alias';
import { getAlias } from '@/lib/aliases/list-aliases';
import { deleteAlias, updateAlias } from '@/lib/aliases/update-alias';
import { deliver, submit } from './helpers/clients';
import { messageCount, subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { login, mailAccount, mailWorld, uniqueName, type World } from './helpers/world';

// Issue 17 in the mail servers, points 2, 6 and 9: who may send to a distribution list (the policy service
// at RCPT, mail.list_senders), send-as (smtpd_sender_login_maps from mail.send_as with
// reject_sender_login_mismatch on the submission port), and a deactivated alias in a domain with a
// catch-all (mail.recipient_access refuses it at RCPT; mail.catch_all maps it to itself).

useMailDatabase();

async function alias(w: World, input: Record<string, unknown>) {
  const result = await createAlias({ caller: w.A, ip: null, domainId: w.domain.id, input: { localPart: uniqueName('list'), ...input } });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

const refusedAsOutsider = { ok: false, code: 550 };

describe('distribution lists: who may send', () => {
  it('only members: a member is delivered to every member; a non-member of the domain and an outsider are refused with the rule', async () => {
    const w = await mailWorld();
    const [anna, bob, carol] = [await mailAccount(w), await mailAccount(w), await mailAccount(w)];
    const list = await alias(w, { targets: [anna.address, bob.address].join('\n'), senders: 'members' });
    expect((await deliver({ from: anna.address, to: list.address, subject: 'From a member' })).ok).toBe(true);
    // A member's tagged address is still the member.
    const [local, domain] = bob.address.split('@') as [string, string];
    expect((await deliver({ from: `${local}+lists@${domain}`, to: list.address, subject: 'From a tagged member' })).ok).toBe(true);

    const outsider = await deliver({ from: 'sender@example.net', to: list.address, subject: 'From outside' });
    expect(outsider).toMatchObject(refusedAsOutsider);
    expect(outsider.response).toMatch(/^550 5\.7\.1 .*Only members of this list may send to it/);
    // The domain's own account is no member either, also when it sends logged in on the submission port.
    expect(await deliver({ from: carol.address, to: list.address, subject: 'From the domain' })).toMatchObject(refusedAsOutsider);
    const submitted = await submit(login(carol), { from: carol.address, to: list.address, subject: 'Submitted' });
    expect(submitted).toMatchObject(refusedAsOutsider);
    expect(submitted.response).toMatch(/Only members of this list may send to it/);

    await waitForMessages(anna.address, 2);
    await waitForMessages(bob.address, 2);
    await waitForEmptyQueue();
    expect((await subjects(bob.address)).sort()).toEqual(['From a member', 'From a tagged member']);
  });

  it('only the domain: an account of the domain is delivered; a sender elsewhere is refused naming the domain', async () => {
    const w = await mailWorld();
    const [anna, carol] = [await mailAccount(w), await mailAccount(w)];
    const list = await alias(w, { targets: [anna.address], senders: 'domain' });
    expect((await deliver({ from: carol.address, to: list.address, subject: 'Colleague' })).ok).toBe(true);
    const outsider = await deliver({ from: 'sender@example.net', to: list.address, subject: 'Stranger' });
    expect(outsider).toMatchObject(refusedAsOutsider);
    expect(outsider.response).toContain(`Only senders at ${w.domain.name} may send to this list`);

    // Opened to anyone, the same sender gets through.
    const { version } = await getAlias({ caller: w.A, id: list.id });
    expect((await updateAlias({ caller: w.A, ip: null, id: list.id, input: { version, targets: [anna.address], senders: 'anyone' } })).ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: list.address, subject: 'Stranger again' })).ok).toBe(true);
    await waitForMessages(anna.address, 2);
    await waitForEmptyQueue();
    expect((await subjects(anna.address)).sort()).toEqual(['Colleague', 'Stranger again']);
  });
});

describe('send-as', () => {
  it('a granted account sends as the alias; one without the grant, and the granted one from any other address, are refused', async () => {
    const w = await mailWorld();
    const [anna, bob, reader] = [await mailAccount(w), await mailAccount(w), await mailAccount(w)];
    const info = await alias(w, { targets: [anna.address, bob.address], sendAs: [anna.address] });

    expect((await submit(login(anna), { from: info.address, to: reader.address, subject: 'As info' })).ok).toBe(true);
    expect((await submit(login(anna), { from: anna.address, to: reader.address, subject: 'As herself' })).ok).toBe(true);
    const notGranted = await submit(login(bob), { from: info.address, to: reader.address, subject: 'Bob as info' });
    expect(notGranted).toMatchObject({ ok: false, code: 553 });
    expect(notGranted.response).toMatch(/5\.7\.1 .*Sender address rejected: not owned by user/);
    expect(await submit(login(anna), { from: bob.address, to: reader.address, subject: 'Anna as Bob' })).toMatchObject({ ok: false, code: 553 });
    expect(await submit(login(anna), { from: 'boss@example.net', to: reader.address, subject: 'Anna as elsewhere' })).toMatchObject({ ok: false, code: 553 });

    // The grant taken back: refused at once.
    const { version } = await getAlias({ caller: w.A, id: info.id });
    expect((await updateAlias({ caller: w.A, ip: null, id: info.id, input: { version, targets: [anna.address, bob.address] } })).ok).toBe(true);
    expect(await submit(login(anna), { from: info.address, to: reader.address, subject: 'As info again' })).toMatchObject({ ok: false, code: 553 });

    await waitForMessages(reader.address, 2);
    await waitForEmptyQueue();
    expect((await subjects(reader.address)).sort()).toEqual(['As herself', 'As info']);
  });
});

describe('a deactivated alias in a domain with a catch-all', () => {
  it('is refused at RCPT, not taken by the catch-all, also when mail reaches it through another alias; deleted, its address is unknown and the catch-all takes it', async () => {
    const w = await mailWorld();
    const [catcher, anna] = [await mailAccount(w), await mailAccount(w)];
    const { version } = await getAddressSettings({ caller: w.A, domainId: w.domain.id });
    expect((await updateAddressSettings({ caller: w.A, ip: null, domainId: w.domain.id, input: { version, catchAll: catcher.address } })).ok).toBe(true);
    const off = await alias(w, { targets: [anna.address], active: false });
    const front = await alias(w, { targets: [off.address] });

    expect(await deliver({ from: 'sender@example.net', to: off.address, subject: 'To the deactivated alias' })).toMatchObject({ ok: false, code: 550 });
    // Through an active alias it is accepted at RCPT, then bounces to the sender (a local account here).
    expect((await deliver({ from: anna.address, to: front.address, subject: 'Through the front' })).ok).toBe(true);
    await waitForMessages(anna.address, 1);
    await waitForEmptyQueue();
    expect(await messageCount(catcher.address)).toBe(0);
    expect(await subjects(anna.address)).not.toContain('Through the front');

    // Deleted, the address is like any unknown one: the catch-all's.
    expect((await deleteAlias({ caller: w.A, ip: null, id: off.id })).ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: off.address, subject: 'After deletion' })).ok).toBe(true);
    await waitForMessages(catcher.address, 1);
    await waitForEmptyQueue();
    expect(await subjects(catcher.address)).toEqual(['After deletion']);
  });
});
