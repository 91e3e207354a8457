import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { phpFpmBinary } from '@/lib/mail-servers/installed';
import { dovecotConfigFile, nginxConfigFile, phpFpmConfigFile, postfixConfDir, runtimeDirs } from '@/lib/mail-servers/layout';
import type { MailServerSettings } from '@/lib/mail-servers/settings';

// Starting and stopping the real servers, for the global setup and for a test file that needs a second
// configuration of its own (tests/mail/tls.test.ts).

export const STARTUP_TIMEOUT_MS = 30_000;

/** Ports the kernel reports free right now (each bound once, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Runs a command that daemonizes: its children keep no pipe of ours open (execFile would wait on them). */
export function runDaemon(file: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(file, args, { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')} exited with ${code}:\n${tail(logFile)}`))));
  });
}

/** Runs a command that stays in the foreground, its output appended to `logFile`; the returned function stops it. */
export function runForeground(command: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; stop(): Promise<void> } {
  const out = fs.openSync(logFile, 'a');
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { cwd: process.cwd(), env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.on('error', () => {});
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts Dovecot, then Postfix, for a rendered and prepared configuration; each stop is pushed onto
 * `cleanups` (run in reverse order).
 */
export async function startDovecotAndPostfix(settings: MailServerSettings, cleanups: (() => Promise<unknown>)[]): Promise<void> {
  const dovecotConfig = dovecotConfigFile(settings.outDir);
  const postfixDir = postfixConfDir(settings.outDir);
  const dovecotLog = path.join(settings.logDir, 'dovecot-start.log');
  const postfixLog = path.join(settings.logDir, 'postfix-start.log');

  await runDaemon('dovecot', ['-c', dovecotConfig], dovecotLog);
  const dovecotPidFile = path.join(runtimeDirs(settings.stateDir).dovecotRun, 'master.pid');
  cleanups.push(async () => {
    const pid = readPid(dovecotPidFile);
    await runDaemon('doveadm', ['-c', dovecotConfig, 'stop'], dovecotLog).catch(() => pid && process.kill(pid, 'SIGTERM'));
    if (pid) await waitUntil('Dovecot to stop', () => !alive(pid), 15_000);
  });

  await runDaemon('postfix', ['-c', postfixDir, 'start'], postfixLog);
  const postfixPidFile = path.join(runtimeDirs(settings.stateDir).postfixQueue, 'pid', 'master.pid');
  cleanups.push(async () => {
    const pid = readPid(postfixPidFile);
    await runDaemon('postfix', ['-c', postfixDir, 'stop'], postfixLog).catch(() => pid && process.kill(pid, 'SIGTERM'));
    if (pid) await waitUntil('Postfix to stop', () => !alive(pid), 15_000);
  });
}

/** php-fpm, then nginx, for the webmail (Roundcube) when the settings render it; stops pushed onto `cleanups`. */
export async function startWebmail(settings: MailServerSettings, cleanups: (() => Promise<unknown>)[]): Promise<void> {
  if (!settings.webmail) return;
  const phpFpmPidFile = path.join(runtimeDirs(settings.stateDir).phpFpm, 'php-fpm.pid');
  await runDaemon(phpFpmBinary()!, ['-y', phpFpmConfigFile(settings.outDir)], path.join(settings.logDir, 'php-fpm-start.log'));
  cleanups.push(async () => {
    const pid = readPid(phpFpmPidFile);
    if (pid) {
      process.kill(pid, 'SIGQUIT');
      await waitUntil('php-fpm to stop', () => !alive(pid), 15_000);
    }
  });
  const nginx = nginxConfigFile(settings.outDir);
  const nginxLog = path.join(settings.logDir, 'nginx-start.log');
  const errorLog = path.join(settings.logDir, 'nginx-error.log');
  await runDaemon('nginx', ['-e', errorLog, '-c', nginx], nginxLog);
  const nginxPidFile = path.join(runtimeDirs(settings.stateDir).nginx, 'nginx.pid');
  cleanups.push(async () => {
    const pid = readPid(nginxPidFile);
    await runDaemon('nginx', ['-e', errorLog, '-c', nginx, '-s', 'quit'], nginxLog).catch(() => pid && process.kill(pid, 'SIGTERM'));
    if (pid) await waitUntil('nginx to stop', () => !alive(pid), 15_000);
  });
  const port = settings.webmail.httpPort;
  await waitUntil(`nginx on port ${port}`, () => canConnect(port));
}
