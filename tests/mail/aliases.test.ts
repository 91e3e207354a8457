import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { aliases, aliasTargets } from '@/db/schema';
import { createAlias } from '@/lib/aliases/create-alias';
import { deleteAlias, updateAlias } from '@/lib/aliases/update-alias';
import { deliver } from './helpers/clients';
import { mailServers, subjects, useMailDatabase, waitForEmptyQueue, waitForMessages } from './helpers/servers';
import { waitFor } from './helpers/wait';
import { mailAccount, mailWorld, uniqueName, type World } from './helpers/world';

// Aliases in the mail servers (issue 17): Postfix's virtual aliases from mail.aliases, which follows
// chains and drops loops; plus-addressing with recipient_delimiter in Postfix and Dovecot.

useMailDatabase();
const run = promisify(execFile);

async function alias(w: World, targets: string[]) {
  const result = await createAlias({ caller: w.A, ip: null, domainId: w.domain.id, input: { localPart: uniqueName('al'), targets } });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

/** The Postfix log's lines about deliveries to `to` of mail sent to `origTo`. */
async function logged(to: string, origTo: string): Promise<string | undefined> {
  const log = await readFile(path.join(mailServers().logDir, 'postfix.log'), 'utf8').catch(() => '');
  return log.split('\n').find((line) => line.includes(`to=<${to}>`) && line.includes(`orig_to=<${origTo}>`));
}

describe('aliases', () => {
  it('deliver through a chain (alias → alias → accounts) and to an address elsewhere', async () => {
    const w = await mailWorld();
    const anna = await mailAccount(w);
    const bob = await mailAccount(w);
    const team = await alias(w, [anna.address, bob.address]);
    const info = await alias(w, [team.address]);
    expect((await deliver({ from: anna.address, to: info.address, subject: 'Through the chain' })).ok).toBe(true);
    await waitForMessages(anna.address, 1);
    await waitForMessages(bob.address, 1);
    expect(await subjects(bob.address)).toEqual(['Through the chain']);

    // Elsewhere: Postfix takes it and sends it on (here it cannot reach .invalid, so it bounces to the sender, a local account).
    const external = `someone@${uniqueName('elsewhere')}.invalid`;
    const out = await alias(w, [external]);
    expect((await deliver({ from: anna.address, to: out.address, subject: 'Going out' })).ok).toBe(true);
    const line = await waitFor('Postfix sending it on', () => logged(external, out.address));
    expect(line).toMatch(/status=(bounced|deferred|sent)/);
    if (/status=deferred/.test(line)) {
      const id = /postfix\/\S+\[\d+\]: ([0-9A-F]+):/.exec(line)?.[1];
      if (id) await run('postsuper', ['-c', mailServers().postfixConfDir, '-d', id]);
    }
    await waitForEmptyQueue();
  });

  it('a deactivated alias and a deleted alias refuse mail at RCPT; reactivated it delivers again', async () => {
    const w = await mailWorld();
    const anna = await mailAccount(w);
    const a = await alias(w, [anna.address]);
    const off = await updateAlias({ caller: w.A, ip: null, id: a.id, input: { version: a.version, active: false, targets: [anna.address] } });
    expect(off.ok).toBe(true);
    expect(await deliver({ from: 'sender@example.net', to: a.address, subject: 'Off' })).toMatchObject({ ok: false, code: 550 });
    const on = await updateAlias({ caller: w.A, ip: null, id: a.id, input: { version: 2, active: true, targets: [anna.address] } });
    expect(on.ok).toBe(true);
    expect((await deliver({ from: 'sender@example.net', to: a.address, subject: 'On again' })).ok).toBe(true);
    await waitForMessages(anna.address, 1);
    expect((await deleteAlias({ caller: w.A, ip: null, id: a.id })).ok).toBe(true);
    expect(await deliver({ from: 'sender@example.net', to: a.address, subject: 'Gone' })).toMatchObject({ ok: false, code: 550 });
    await waitForEmptyQueue();
    expect(await subjects(anna.address)).toEqual(['On again']);
  });

  it('a loop written before the panel checked for loops is refused at RCPT, never expanded', async () => {
    const w = await mailWorld();
    const db = getDb();
    const [x, y] = [uniqueName('loopx'), uniqueName('loopy')];
    const [ax] = await db.insert(aliases).values({ domainId: w.domain.id, localPart: x, address: `${x}@${w.domain.name}` }).returning();
    const [ay] = await db.insert(aliases).values({ domainId: w.domain.id, localPart: y, address: `${y}@${w.domain.name}` }).returning();
    await db.insert(aliasTargets).values([
      { aliasId: ax!.id, address: ay!.address },
      { aliasId: ay!.id, address: ax!.address },
    ]);
    expect(await deliver({ from: 'sender@example.net', to: ax!.address, subject: 'Loop' })).toMatchObject({ ok: false, code: 550 });
    await waitForEmptyQueue();
  });
});

describe('plus-addressing', () => {
  it('delivers user+tag@ to user@, also through an alias', async () => {
    const w = await mailWorld();
    const anna = await mailAccount(w);
    const a = await alias(w, [anna.address]);
    const [local, domain] = anna.address.split('@') as [string, string];
    expect((await deliver({ from: 'sender@example.net', to: `${local}+news@${domain}`, subject: 'Tagged' })).ok).toBe(true);
    const [aliasLocal] = a.address.split('@') as [string];
    expect((await deliver({ from: 'sender@example.net', to: `${aliasLocal}+x@${domain}`, subject: 'Tagged alias' })).ok).toBe(true);
    await waitForMessages(anna.address, 2);
    await waitForEmptyQueue();
    expect((await subjects(anna.address)).sort()).toEqual(['Tagged', 'Tagged alias']);
  });
});
