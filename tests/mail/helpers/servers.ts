import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { setDatabaseHandle } from '@/db';
import { openPostgres, type DatabaseHandle } from '@/db/open';
import { doveadmMailHost } from '@/lib/jobs/mail-host';
import { runDueJobs } from '@/lib/jobs/worker';
import type { MailServers } from './context';
import { waitFor } from './wait';

const run = promisify(execFile);

export function mailServers(): MailServers {
  return inject('mailServers');
}

/** Opens the mail project's database as the panel's process-wide handle (panel code under test uses it). */
export function useMailDatabase(): { handle(): DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  beforeAll(() => {
    handle = openPostgres(mailServers().databaseUrl, { max: 4 });
    setDatabaseHandle(handle);
  });
  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle?.close();
  });
  return {
    handle() {
      if (!handle) throw new Error('Only inside tests and hooks.');
      return handle;
    },
  };
}

/** The worker's mail host, driving this Dovecot (as `npm run worker` with MAIL_DOVEADM and MAIL_HOME). */
export function mailHost() {
  const servers = mailServers();
  return doveadmMailHost({ command: ['doveadm', '-c', servers.dovecotConfig], homeTemplate: servers.mailHomeTemplate });
}

/** Applies every due mail-host job, as the worker would; none may fail. */
export async function runMailJobs(): Promise<number> {
  let done = 0;
  for (;;) {
    const summary = await runDueJobs({ host: mailHost() });
    expect(summary.failed + summary.retrying, 'mail-host jobs that failed').toBe(0);
    done += summary.done;
    if (summary.claimed === 0) return done;
  }
}

export async function doveadm(...args: string[]): Promise<string> {
  const { stdout } = await run('doveadm', ['-c', mailServers().dovecotConfig, ...args], { timeout: 30_000 });
  return stdout;
}

/** Messages in one of the account's mailboxes, as Dovecot counts them (no login, so no last-login write). */
export async function messageCount(address: string, mailbox = 'INBOX'): Promise<number> {
  try {
    const out = await doveadm('-f', 'flow', 'mailbox', 'status', '-u', address, 'messages', mailbox);
    return Number(/messages=(\d+)/.exec(out)?.[1] ?? 0);
  } catch {
    // No such mailbox (or account) yet.
    return 0;
  }
}

export function waitForMessages(address: string, count: number, mailbox = 'INBOX'): Promise<number> {
  return waitFor(`${count} message(s) in ${address}'s ${mailbox}`, async () => {
    const n = await messageCount(address, mailbox);
    return n >= count ? n : undefined;
  });
}

/** The subjects of the messages in one of the account's mailboxes. */
export async function subjects(address: string, mailbox = 'INBOX'): Promise<string[]> {
  try {
    const out = await doveadm('-f', 'flow', 'fetch', '-u', address, 'hdr.subject', 'mailbox', mailbox, 'all');
    return out
      .split('\n')
      .filter((line) => line.startsWith('hdr.subject='))
      .map((line) => line.slice('hdr.subject='.length).trim());
  } catch {
    return [];
  }
}

/**
 * Waits until Postfix's queue is empty: everything accepted so far has been delivered (or bounced), and
 * with it whatever those deliveries sent on (forwards, vacation replies, which Dovecot hands to Postfix
 * before it acknowledges the delivery). Only then does "nothing arrived" mean something.
 */
export function waitForEmptyQueue(): Promise<true> {
  return waitFor('an empty Postfix queue', async () => {
    const { stdout } = await run('postqueue', ['-c', mailServers().postfixConfDir, '-j'], { timeout: 10_000 });
    return stdout.trim() === '' ? true : undefined;
  });
}
