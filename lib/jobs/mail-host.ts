import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { domainMailOf, homeOf } from './mail-home';

/**
 * What the worker asks of the mail host. Every operation is idempotent: kicking nobody, recomputing a
 * quota twice or removing mail that is already gone all succeed.
 */
export type MailHost = {
  /** How the host is reached, for the job's note. */
  describe: string;
  /** Ends the open IMAP/POP3 sessions of the users matching `mask` (an address, or `*@domain`). */
  kick(mask: string): Promise<'kicked' | 'none'>;
  /**
   * Recomputes an account's quota usage and answers it. Dovecot 2.3's `count` driver does not pass a
   * recalculated figure on to quota_clone (only the next change of the mailbox would), so the worker
   * writes it to the panel's database itself.
   */
  recalcQuota(address: string): Promise<QuotaUsage | 'noUser'>;
  /** Removes a (deleted) account's mail. */
  removeMail(address: string): Promise<'removed' | 'absent'>;
  /** Removes every account's mail of a (deleted) domain; how many homes were removed. */
  removeDomainMail(domain: string): Promise<number>;
};

/** Storage used (virtual sizes, as the quota counts them) and messages, over all of an account's mailboxes. */
export type QuotaUsage = { storageBytes: number; messages: number };

export class MailHostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailHostError';
  }
}

/** A command line as the environment gives it: words split on blanks, '…' and "…" quote. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

/** `output`: standard error then standard output, for messages; `stdout` alone, for what is parsed. */
type Run = (file: string, args: string[]) => Promise<{ code: number; output: string; stdout?: string }>;

const DOVEADM_TIMEOUT_MS = 60_000;
// doveadm's exit codes (doveadm(1)): 67 the user does not exist; 68 nothing matched (e.g. nobody to kick).
const EX_NOUSER = 67;
const EX_NOTFOUND = 68;

const runFile: Run = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: DOVEADM_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stderr}${stdout}`.trim();
      if (!error) return resolve({ code: 0, output, stdout });
      if (typeof error.code === 'number') return resolve({ code: error.code, output, stdout });
      reject(new MailHostError(`${path.basename(file)} could not run: ${error.message}`));
    });
  });

function failure(what: string, result: { code: number; output: string }): MailHostError {
  const detail = result.output.split('\n').slice(-5).join(' ').slice(0, 500);
  return new MailHostError(`${what} failed (exit ${result.code})${detail ? `: ${detail}` : ''}`);
}

/**
 * `doveadm -f tab mailbox status … 'messages vsize' '*'`: a header line, then one line per mailbox. The
 * sum over every mailbox is what the count driver counts (with quota_vsizes, virtual sizes).
 */
export function parseMailboxStatus(stdout: string): QuotaUsage {
  const [header = '', ...lines] = stdout.split('\n').filter((line) => line.trim() !== '');
  const columns = header.trim().split('\t');
  const messagesAt = columns.indexOf('messages');
  const vsizeAt = columns.indexOf('vsize');
  if (messagesAt < 0 || vsizeAt < 0) throw new MailHostError(`doveadm mailbox status answered in an unexpected form: ${header.slice(0, 200)}`);
  const usage: QuotaUsage = { storageBytes: 0, messages: 0 };
  for (const line of lines) {
    const fields = line.trim().split('\t');
    const messages = Number(fields[messagesAt]);
    const vsize = Number(fields[vsizeAt]);
    if (!Number.isSafeInteger(messages) || !Number.isSafeInteger(vsize)) throw new MailHostError(`doveadm mailbox status answered in an unexpected form: ${line.slice(0, 200)}`);
    usage.messages += messages;
    usage.storageBytes += vsize;
  }
  return usage;
}

async function removeTree(dir: string): Promise<boolean> {
  try {
    await fs.lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await fs.rm(dir, { recursive: true, force: true });
  return true;
}

/**
 * The mail host through doveadm (`command`, e.g. ["doveadm", "-c", "/etc/dovecot/dovecot.conf"]) and,
 * for deleted accounts, the MAIL_HOME template (see mail-home.ts). `run` is replaceable for tests.
 */
export function doveadmMailHost({ command, homeTemplate, run = runFile }: { command: string[]; homeTemplate: string | null; run?: Run }): MailHost {
  const [file, ...base] = command;
  if (!file) throw new MailHostError('MAIL_DOVEADM is empty.');
  const doveadm = (...args: string[]) => run(file, [...base, ...args]);
  const needHome = () => {
    if (!homeTemplate) throw new MailHostError('MAIL_HOME is not set: a deleted account is no longer known to Dovecot, so its mail can only be found through MAIL_HOME.');
    return homeTemplate;
  };

  const host: MailHost = {
    describe: `doveadm (${command.join(' ')})`,
    async kick(mask) {
      const result = await doveadm('kick', mask);
      if (result.code === 0) return 'kicked';
      if (result.code === EX_NOTFOUND) return 'none';
      throw failure(`doveadm kick ${mask}`, result);
    },
    async recalcQuota(address) {
      const result = await doveadm('quota', 'recalc', '-u', address);
      if (result.code === EX_NOUSER) return 'noUser';
      if (result.code !== 0) throw failure(`doveadm quota recalc -u ${address}`, result);
      const status = await doveadm('-f', 'tab', 'mailbox', 'status', '-u', address, 'messages vsize', '*');
      if (status.code === EX_NOUSER) return 'noUser';
      if (status.code !== 0) throw failure(`doveadm mailbox status -u ${address}`, status);
      return parseMailboxStatus(status.stdout ?? status.output);
    },
    async removeMail(address) {
      const home = homeOf(needHome(), address);
      await host.kick(address);
      return (await removeTree(home)) ? 'removed' : 'absent';
    },
    async removeDomainMail(domain) {
      const { dir, entry } = domainMailOf(needHome(), domain);
      await host.kick(`*@${domain}`);
      let entries: string[];
      try {
        entries = await fs.readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw error;
      }
      let removed = 0;
      for (const name of entries.filter((e) => entry.test(e))) if (await removeTree(path.join(dir, name))) removed += 1;
      return removed;
    },
  };
  return host;
}

/** The mail host the environment configures (MAIL_DOVEADM, MAIL_HOME), or null when there is none. */
export function mailHostFromEnv(env: Record<string, string | undefined> = process.env): MailHost | null {
  const command = splitCommand(env.MAIL_DOVEADM ?? '');
  if (command.length === 0) return null;
  return doveadmMailHost({ command, homeTemplate: env.MAIL_HOME?.trim() || null });
}
