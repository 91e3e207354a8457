import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyJob, type JobRecords } from './apply-job';
import { doveadmMailHost, MailHostError, mailHostFromEnv, parseMailboxStatus, splitCommand, type QuotaUsage } from './mail-host';

type Call = { file: string; args: string[] };

// What `doveadm -f tab mailbox status … 'messages vsize' '*'` prints: a header, then one line per mailbox.
const STATUS = 'messages\tvsize\n2\t3000\n0\t0\n1\t500\n';

/** A doveadm stand-in: records the calls, answers with the exit code `exit` picks (and a mailbox status). */
function fakeDoveadm(exit: (args: string[]) => number = () => 0) {
  const calls: Call[] = [];
  const run = async (file: string, args: string[]) => {
    calls.push({ file, args });
    const code = exit(args);
    const stdout = code === 0 && args.includes('status') ? STATUS : '';
    return { code, output: code === 0 ? stdout : `doveadm: trouble ${code}`, stdout };
  };
  return { calls, run };
}

/** Records what the worker would keep. */
function fakeRecords() {
  const saved: { address: string; usage: QuotaUsage }[] = [];
  const records: JobRecords = {
    saveUsage: async (address, usage) => void saved.push({ address, usage }),
    checkDns: async (domain) => `checked:${domain}`,
    syncDkim: async () => 'rendered:0',
  };
  return { saved, records };
}

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-mail-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function mkHome(...parts: string[]) {
  const dir = path.join(root, ...parts, 'Maildir', 'cur');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, '1.eml'), 'Subject: hi\n\nhello\n');
}

const exists = (p: string) => fs.access(p).then(() => true, () => false);

describe('splitCommand', () => {
  it('splits on blanks and keeps quoted words whole', () => {
    expect(splitCommand('doveadm -c /etc/dovecot/dovecot.conf')).toEqual(['doveadm', '-c', '/etc/dovecot/dovecot.conf']);
    expect(splitCommand(`sudo -u vmail "/opt/dove cot/doveadm" -c '/a b/c.conf'`)).toEqual(['sudo', '-u', 'vmail', '/opt/dove cot/doveadm', '-c', '/a b/c.conf']);
    expect(splitCommand('   ')).toEqual([]);
  });
});

describe('mailHostFromEnv', () => {
  it('is none without MAIL_DOVEADM, doveadm with it', () => {
    expect(mailHostFromEnv({})).toBeNull();
    expect(mailHostFromEnv({ MAIL_DOVEADM: '  ' })).toBeNull();
    expect(mailHostFromEnv({ MAIL_DOVEADM: 'doveadm -c /x.conf' })?.describe).toBe('doveadm (doveadm -c /x.conf)');
  });
});

describe('doveadmMailHost', () => {
  it('kicks through doveadm with its configuration; nobody connected is fine', async () => {
    const fake = fakeDoveadm((args) => (args.includes('nobody@example.com') ? 68 : 0));
    const host = doveadmMailHost({ command: ['doveadm', '-c', '/etc/d.conf'], homeTemplate: null, run: fake.run });
    expect(await host.kick('bob@example.com')).toBe('kicked');
    expect(await host.kick('nobody@example.com')).toBe('none');
    expect(fake.calls).toEqual([
      { file: 'doveadm', args: ['-c', '/etc/d.conf', 'kick', 'bob@example.com'] },
      { file: 'doveadm', args: ['-c', '/etc/d.conf', 'kick', 'nobody@example.com'] },
    ]);
  });

  it('reports any other doveadm failure with its output', async () => {
    const host = doveadmMailHost({ command: ['doveadm'], homeTemplate: null, run: fakeDoveadm(() => 75).run });
    await expect(host.kick('bob@example.com')).rejects.toThrow(/doveadm kick bob@example.com failed \(exit 75\): doveadm: trouble 75/);
    await expect(host.recalcQuota('bob@example.com')).rejects.toThrow(MailHostError);
  });

  it('recalculates quota and reads the usage back; an account Dovecot does not know is not an error', async () => {
    const fake = fakeDoveadm((args) => (args.includes('gone@example.com') ? 67 : 0));
    const host = doveadmMailHost({ command: ['doveadm'], homeTemplate: null, run: fake.run });
    expect(await host.recalcQuota('bob@example.com')).toEqual({ storageBytes: 3500, messages: 3 });
    expect(await host.recalcQuota('gone@example.com')).toBe('noUser');
    expect(fake.calls.map((c) => c.args)).toEqual([
      ['quota', 'recalc', '-u', 'bob@example.com'],
      ['-f', 'tab', 'mailbox', 'status', '-u', 'bob@example.com', 'messages vsize', '*'],
      ['quota', 'recalc', '-u', 'gone@example.com'],
    ]);
  });

  it('refuses a mailbox status it cannot read rather than writing a wrong figure', () => {
    expect(parseMailboxStatus('messages\tvsize\n')).toEqual({ storageBytes: 0, messages: 0 });
    expect(parseMailboxStatus('vsize\tmessages\n10\t1\n')).toEqual({ storageBytes: 10, messages: 1 });
    expect(() => parseMailboxStatus('doveadm(x): Error: something\n')).toThrow(MailHostError);
    expect(() => parseMailboxStatus('messages\tvsize\n1\tlots\n')).toThrow(MailHostError);
  });

  it('removes a deleted account’s home (after kicking it), and nothing else; a second time finds nothing', async () => {
    await mkHome('example.com', 'bob');
    await mkHome('example.com', 'bobby');
    const fake = fakeDoveadm();
    const host = doveadmMailHost({ command: ['doveadm'], homeTemplate: `${root}/%d/%n`, run: fake.run });
    expect(await host.removeMail('bob@example.com')).toBe('removed');
    expect(await exists(path.join(root, 'example.com', 'bob'))).toBe(false);
    expect(await exists(path.join(root, 'example.com', 'bobby', 'Maildir', 'cur', '1.eml'))).toBe(true);
    expect(fake.calls.map((c) => c.args)).toEqual([['kick', 'bob@example.com']]);
    expect(await host.removeMail('bob@example.com')).toBe('absent');
  });

  it('removes a deleted domain’s mail, for nested and flat layouts, leaving other domains alone', async () => {
    await mkHome('example.com', 'a');
    await mkHome('example.com', 'b');
    await mkHome('example.org', 'a');
    const nested = doveadmMailHost({ command: ['doveadm'], homeTemplate: `${root}/%d/%n`, run: fakeDoveadm().run });
    expect(await nested.removeDomainMail('example.com')).toBe(1);
    expect(await exists(path.join(root, 'example.com'))).toBe(false);
    expect(await exists(path.join(root, 'example.org', 'a'))).toBe(true);
    expect(await nested.removeDomainMail('example.com')).toBe(0);

    const flatRoot = path.join(root, 'flat');
    await mkHome('flat', 'a@example.net');
    await mkHome('flat', 'b@example.net');
    await mkHome('flat', 'a@example.network');
    const flat = doveadmMailHost({ command: ['doveadm'], homeTemplate: `${flatRoot}/%u`, run: fakeDoveadm().run });
    expect(await flat.removeDomainMail('example.net')).toBe(2);
    expect((await fs.readdir(flatRoot)).sort()).toEqual(['a@example.network']);
  });

  it('cannot remove a deleted account’s mail without MAIL_HOME, and says so', async () => {
    const host = doveadmMailHost({ command: ['doveadm'], homeTemplate: null, run: fakeDoveadm().run });
    await expect(host.removeMail('bob@example.com')).rejects.toThrow(/MAIL_HOME is not set/);
    await expect(host.removeDomainMail('example.com')).rejects.toThrow(/MAIL_HOME is not set/);
  });
});

describe('applyJob', () => {
  it('completes every kind as a no-op, noted, without a mail host', async () => {
    for (const kind of ['kick', 'kick-domain', 'delete-mail', 'delete-domain-mail', 'recalc-quota'] as const) {
      expect(await applyJob({ kind, address: 'bob@example.com' }, null, fakeRecords().records)).toBe('noMailHost');
    }
  });

  it('runs the panel\'s own jobs (DNS check, DKIM files) without a mail host', async () => {
    expect(await applyJob({ kind: 'dns-check', address: 'example.com' }, null, fakeRecords().records)).toBe('checked:example.com');
    expect(await applyJob({ kind: 'dkim-sync', address: 'example.com' }, null, fakeRecords().records)).toBe('rendered:0');
  });

  it('maps each kind to the host and notes what there was to do', async () => {
    await mkHome('example.com', 'bob');
    const fake = fakeDoveadm((args) => (args[0] === 'kick' && args[1] === '*@quiet.example' ? 68 : 0));
    const host = doveadmMailHost({ command: ['doveadm'], homeTemplate: `${root}/%d/%n`, run: fake.run });
    const { saved, records } = fakeRecords();
    expect(await applyJob({ kind: 'kick', address: 'bob@example.com' }, host, records)).toBeNull();
    expect(await applyJob({ kind: 'kick-domain', address: 'quiet.example' }, host, records)).toBe('nobodyConnected');
    expect(await applyJob({ kind: 'recalc-quota', address: 'bob@example.com' }, host, records)).toBeNull();
    expect(await applyJob({ kind: 'delete-mail', address: 'bob@example.com' }, host, records)).toBeNull();
    expect(await applyJob({ kind: 'delete-mail', address: 'bob@example.com' }, host, records)).toBe('nothingToRemove');
    await mkHome('example.com', 'carol');
    expect(await applyJob({ kind: 'delete-domain-mail', address: 'example.com' }, host, records)).toBe('removed:1');
    expect(fake.calls.map((c) => c.args.join(' '))).toEqual([
      'kick bob@example.com',
      'kick *@quiet.example',
      'quota recalc -u bob@example.com',
      '-f tab mailbox status -u bob@example.com messages vsize *',
      'kick bob@example.com',
      'kick bob@example.com',
      'kick *@example.com',
    ]);
    expect(saved).toEqual([{ address: 'bob@example.com', usage: { storageBytes: 3500, messages: 3 } }]);
  });
});
