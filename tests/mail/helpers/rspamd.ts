import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe } from 'vitest';
import { startDnsServer, type DnsRecords, type TestDnsServer } from '../../helpers/dns-server';
import type { MailServers } from './context';
import { mailServers } from './servers';
import { waitFor } from './wait';

// rspamd for the test files that need it: the configuration tests/mail/global-setup.ts rendered (as
// `npm run mail:config` does), started once per file on the loopback port Postfix's milter points at, with
// the loopback DNS server it was rendered to ask. Starting it takes seconds (Lua rules, maps): one start
// per file, after the file has put the DKIM keys in place.

type RspamdWorld = NonNullable<MailServers['rspamd']>;

/**
 * For the hook that starts rspamd. It binds its port only once its configuration is loaded, which takes
 * ~15 s of CPU (compiling the public-suffix list among others): about a minute on a busy 2-core machine.
 */
export const RSPAMD_START_TIMEOUT_MS = 300_000;

/**
 * `describe`, skipped where rspamd is not installed, except in CI (.ci/run installs it): there a missing
 * rspamd fails the file instead of hiding it.
 */
export function describeWithRspamd(name: string, body: () => void) {
  const installed = mailServers().rspamd !== null;
  if (!installed && process.env.CI) throw new Error('rspamd is not installed, and CI must run the rspamd tests (see .ci/run).');
  return describe.skipIf(!installed)(name, body);
}

export function rspamdWorld(): RspamdWorld {
  const world = mailServers().rspamd;
  if (!world) throw new Error('rspamd is not installed here (apt-get install rspamd).');
  return world;
}

/** The DNS server rspamd was rendered to ask (and the panel's live check, through DNS_RESOLVER). */
export function startRspamdDns(records: DnsRecords = {}): Promise<TestDnsServer> {
  return startDnsServer(records, rspamdWorld().dnsPort);
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export type RunningRspamd = { stop(): Promise<void>; log(): string; /** Its main process (the one SIGHUP reloads). */ pid: number };

/** Starts rspamd in the foreground (its process is ours to stop) and waits until its milter port answers. */
export async function startRspamd(): Promise<RunningRspamd> {
  const world = rspamdWorld();
  const [command, ...args] = world.command;
  const startLog = path.join(world.logDir, 'rspamd-start.log');
  const out = fs.openSync(startLog, 'a');
  const child: ChildProcess = spawn(command!, args, { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const log = () => `${tail(startLog)}\n--- rspamd.log\n${tail(path.join(world.logDir, 'rspamd.log'))}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await waitFor(
      `rspamd's milter on port ${world.milterPort}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`rspamd exited with ${child.exitCode}`);
        return canConnect(world.milterPort);
      },
      { timeoutMs: RSPAMD_START_TIMEOUT_MS - 30_000, intervalMs: 200 },
    );
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log()}`);
  }
  return { stop, log, pid: child.pid! };
}

/**
 * The panel's environment for DKIM and DNS in this test process: the live check asks the tests' DNS server,
 * the worker writes the keys where rspamd reads them (as worker.env says on a mail host), and the keys are
 * encrypted under a server secret. Answers a function that puts the environment back.
 */
export function usePanelDkimEnv(dns: TestDnsServer): () => void {
  const values: Record<string, string> = {
    DNS_RESOLVER: dns.address,
    MAIL_HOSTNAME: 'mail.mailpanel.test',
    DKIM_KEY_DIR: rspamdWorld().dkimKeyDir,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'mail-test-secret-0123456789-abcdefghijklmnop',
  };
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
