import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addAliasDomain, removeAliasDomain } from '@/lib/alias-domains/alias-domains';
import { createAlias } from '@/lib/aliases/create-alias';
import { updateAddressSettings, getAddressSettings } from '@/lib/aliases/address-settings';
import { deliver, submit } from './helpers/clients';
import { mailServers, subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { login, mailAccount, mailWorld, uniqueName, type World } from './helpers/world';

// Alias domains in the mail servers (issue 17, point 4): virtual_alias_domains from mail.alias_domains and
// a virtual_alias_maps lookup by the address's parts in mail.alias_domain_addresses: user@alias reaches
// user@domain for the domain's receiving accounts and active aliases only; any other address at the alias
// domain is refused at RCPT, so nothing is accepted that would bounce later.

useMailDatabase();

async function aliasDomain(w: World): Promise<{ id: number; name: string }> {
  const result = await addAliasDomain({ caller: w.A, ip: null, domainId: w.domain.id, input: { name: `${uniqueName('ad')}.test` } });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

const at = (address: string, domain: string) => `${address.split('@')[0]}@${domain}`;
const run = promisify(execFile);

/** What a rendered map answers for `key` (postmap -q; nothing found: ''). */
async function lookup(file: string, key: string): Promise<string> {
  const map = `pgsql:${path.join(mailServers().postfixConfDir, file)}`;
  const { stdout } = await run('postmap', ['-c', mailServers().postfixConfDir, '-q', key, map]).catch((error: { code?: number; stdout?: string }) => {
    if (error.code === 1) return { stdout: '' };
    throw error;
  });
  return stdout.trim();
}

describe('alias domains', () => {
  it('deliver user@alias to user@domain, for accounts and aliases; an unknown user there is refused at RCPT', async () => {
    const w = await mailWorld();
    const anna = await mailAccount(w);
    const bob = await mailAccount(w);
    const team = await createAlias({ caller: w.A, ip: null, domainId: w.domain.id, input: { localPart: uniqueName('team'), targets: [bob.address] } });
    if (!team.ok) throw new Error(JSON.stringify(team));
    const alias = await aliasDomain(w);

    expect((await deliver({ from: 'sender@example.net', to: at(anna.address, alias.name), subject: 'Via the alias domain' })).ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: at(team.data.address, alias.name), subject: 'Alias via the alias domain' })).ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: `${at(anna.address, alias.name).replace('@', '+tag@')}`, subject: 'Tagged via the alias domain' })).ok).toBe(true);
    await waitForMessages(anna.address, 2);
    await waitForMessages(bob.address, 1);
    expect((await subjects(anna.address)).sort()).toEqual(['Tagged via the alias domain', 'Via the alias domain']);
    expect(await subjects(bob.address)).toEqual(['Alias via the alias domain']);

    expect(await deliver({ from: 'sender@example.net', to: `${uniqueName('nobody')}@${alias.name}`, subject: 'Unknown' })).toMatchObject({ ok: false, code: 550 });
    await waitForEmptyQueue();
  });

  it('an alias whose targets are at the alias domain: delivered to the accounts, its members may write to it, send-as to the account it reaches holds', async () => {
    const w = await mailWorld();
    const [anna, bob, carol] = [await mailAccount(w), await mailAccount(w), await mailAccount(w)];
    const alias = await aliasDomain(w);
    const list = await createAlias({
      caller: w.A,
      ip: null,
      domainId: w.domain.id,
      input: { localPart: uniqueName('list'), targets: [at(anna.address, alias.name), at(bob.address, alias.name)], senders: 'members', sendAs: [anna.address] },
    });
    if (!list.ok) throw new Error(JSON.stringify(list));

    // Bob is a member through the alias domain's name of his address; Carol, of the domain, is not.
    expect((await deliver({ from: bob.address, to: list.data.address, subject: 'From a member' })).ok).toBe(true);
    expect(await deliver({ from: carol.address, to: list.data.address, subject: 'From the domain' })).toMatchObject({ ok: false, code: 550 });
    // Anna was granted send-as (she receives through at(anna, alias)); Bob was not.
    expect((await submit(login(anna), { from: list.data.address, to: carol.address, subject: 'As the list' })).ok).toBe(true);
    expect(await submit(login(bob), { from: list.data.address, to: carol.address, subject: 'Bob as the list' })).toMatchObject({ ok: false, code: 553 });

    await waitForMessages(anna.address, 1);
    await waitForMessages(bob.address, 1);
    await waitForMessages(carol.address, 1);
    expect(await subjects(anna.address)).toEqual(['From a member']);
    expect(await subjects(carol.address)).toEqual(['As the list']);
    // The rendered virtual alias map answers the accounts themselves, not the alias domain's names.
    expect((await lookup('pgsql-aliases.cf', list.data.address)).split(/,\s*/).sort()).toEqual([anna.address, bob.address].sort());
    await waitForEmptyQueue();
  });

  it('follows the domain: a deactivated account, a reject-all account and a removed alias domain refuse mail at RCPT; plus-addressing off holds there; the catch-all takes unknown users', async () => {
    const w = await mailWorld();
    const anna = await mailAccount(w);
    const off = await mailAccount(w, { active: false });
    const rejecting = await mailAccount(w, { rejectAll: true, rejectMessage: 'No mail here' });
    const alias = await aliasDomain(w);

    expect(await deliver({ from: 'sender@example.net', to: at(off.address, alias.name), subject: 'To a disabled account' })).toMatchObject({ ok: false, code: 554 });
    expect(await deliver({ from: 'sender@example.net', to: at(rejecting.address, alias.name), subject: 'To reject-all' })).toMatchObject({ ok: false, code: 554 });

    const { version } = await getAddressSettings({ caller: w.A, domainId: w.domain.id });
    const set = await updateAddressSettings({ caller: w.A, ip: null, domainId: w.domain.id, input: { version, catchAll: anna.address.split('@')[0], plusAddressing: false } });
    if (!set.ok) throw new Error(JSON.stringify(set));
    // The domain's plus-addressing off holds at its alias domain too (refused at RCPT, before the catch-all).
    expect(await deliver({ from: 'sender@example.net', to: at(anna.address, alias.name).replace('@', '+tag@'), subject: 'Tagged, off' })).toMatchObject({ ok: false, code: 550 });
    expect((await deliver({ from: 'sender@example.net', to: `${uniqueName('nobody')}@${alias.name}`, subject: 'To the catch-all' })).ok).toBe(true);
    await waitForMessages(anna.address, 1);
    expect(await subjects(anna.address)).toEqual(['To the catch-all']);

    // The rendered maps themselves, as Postfix asks them; removed, the name is no longer ours (from outside,
    // Postfix then refuses to relay; the tests' client is on loopback, which may relay, so it is asked directly).
    expect(await lookup('pgsql-alias-domains.cf', alias.name)).toBe(alias.name);
    expect(await lookup('pgsql-alias-domain-addresses.cf', at(anna.address, alias.name))).toBe(anna.address);
    expect(await lookup('pgsql-alias-domain-addresses.cf', `${uniqueName('nobody')}@${alias.name}`)).toBe('');
    expect(await removeAliasDomain({ caller: w.A, ip: null, id: alias.id })).toMatchObject({ ok: true });
    expect(await lookup('pgsql-alias-domains.cf', alias.name)).toBe('');
    expect(await lookup('pgsql-alias-domain-addresses.cf', at(anna.address, alias.name))).toBe('');
    await waitForEmptyQueue();
  });
});
