import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { parseMailDatabaseUrl } from '@/lib/mail-servers/database-url';
import { dovecotConfigFile, mailHomeTemplate, postfixConfDir, runtimeDirs } from '@/lib/mail-servers/layout';
import { renderMailConfig } from '@/lib/mail-servers/render-config';
import { dropMailRole, generateRolePassword, grantMailRole, mailRoleUrl } from '@/lib/mail-servers/role';
import type { MailPorts, MailServerSettings } from '@/lib/mail-servers/settings';
import { lookupSystemUser } from '@/lib/mail-servers/system-user';
import { describeBlocked } from '@/lib/mail-servers/traversable';
import { blockedMailHostPaths, prepareMailHost, writeMailConfig } from '@/lib/mail-servers/write-config';
import type { MailServers } from './helpers/context';
import { MAIL_SERVER_FILES, phpFpmBinary, WEBMAIL_FILES, webmailInstalled } from '@/lib/mail-servers/installed';
import { nginxConfigFile, phpFpmConfigFile, roundcubePluginsDir } from '@/lib/mail-servers/layout';

// The mail project's world: a fresh database migrated by our migrations, the mail servers' role, the
// configuration rendered by lib/mail-servers into a temporary directory, and Dovecot, Postfix and the
// policy service started on loopback ports nobody else uses. Everything is stopped and removed after.

const STARTUP_TIMEOUT_MS = 30_000;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Ports the kernel reports free right now (each bound once, then released). */
async function freePorts(count: number): Promise<number[]> {
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
function runDaemon(file: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(file, args, { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')} exited with ${code}:\n${tail(logFile)}`))));
  });
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

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
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

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function preflight(): void {
  const missing = MAIL_SERVER_FILES.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The mail tests need Dovecot and Postfix with their pgsql and sieve packages (missing: ${missing.join(', ')}). See .ci/run.`);
  }
  if (process.getuid?.() !== 0) throw new Error('The mail tests start Dovecot and Postfix, which needs root.');
  if (!process.env.TEST_DATABASE_URL) throw new Error('The mail tests need TEST_DATABASE_URL (a PostgreSQL server they may create databases on).');
  // CI installs the webmail's packages and sets this: there a missing package fails instead of skipping.
  if (process.env.MAILPANEL_WEBMAIL_TESTS === '1' && !webmailInstalled()) {
    throw new Error(`The webmail tests need roundcube, roundcube-pgsql, nginx and php-fpm (looked for ${WEBMAIL_FILES.join(', ')} and /usr/sbin/php-fpm*). See .ci/run.`);
  }
}

/** Roundcube's own database and its owner, with Roundcube's schema (what docs/mail-servers.md has the operator run). */
async function createRoundcubeDatabase({ adminUrl, name, password }: { adminUrl: string; name: string; password: string }): Promise<string> {
  await withClient(adminUrl, async (client) => {
    await client.query(`create role "${name}" login password '${password}'`);
    await client.query(`create database "${name}" owner "${name}"`);
  });
  const url = new URL(adminUrl);
  url.username = name;
  url.password = password;
  url.pathname = `/${name}`;
  const roundcubeUrl = url.toString();
  await withClient(roundcubeUrl, (client) => client.query(fs.readFileSync('/usr/share/roundcube/SQL/postgres.initial.sql', 'utf8')));
  return roundcubeUrl;
}

export default async function setup(project: TestProject) {
  preflight();
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const id = randomBytes(4).toString('hex');
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error('[mail tests] cleanup:', error));
  };

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-mail-'));
  // Postfix and Dovecot run parts of themselves as other users: they must be able to traverse it
  // (mkdtemp makes it 0700, which `npm run mail:config` would refuse; checked below as it checks).
  fs.chmodSync(root, 0o755);
  if (process.env.MAILPANEL_MAIL_KEEP !== '1') cleanups.push(async () => fs.rmSync(root, { recursive: true, force: true }));

  try {
    const database = `mp_mail_${id}`;
    const role = `mp_mail_${id}`;
    await withClient(adminUrl, (client) => client.query(`create database "${database}"`));
    // The role holds privileges in the database: it can only go once the database has.
    cleanups.push(async () => {
      await withClient(adminUrl, (client) => client.query(`drop database if exists "${database}" with (force)`));
      await dropMailRole({ adminUrl, role });
    });
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const databaseUrl = url.toString();
    const handle = openPostgres(databaseUrl, { max: 1 });
    try {
      await runMigrations(handle);
    } finally {
      await handle.close();
    }

    const password = generateRolePassword();
    await grantMailRole({ adminUrl: databaseUrl, role, password });
    const mailDatabaseUrl = mailRoleUrl(databaseUrl, role, password);

    const [imap, pop3, smtp, submission, lmtp, auth, quotaStatus, policy, webmailImap, webmailSubmission, http] = await freePorts(11);
    const ports: MailPorts = {
      imap: imap!,
      pop3: pop3!,
      smtp: smtp!,
      submission: submission!,
      lmtp: lmtp!,
      auth: auth!,
      quotaStatus: quotaStatus!,
      policy: policy!,
      webmailImap: webmailImap!,
      webmailSubmission: webmailSubmission!,
    };

    // Roundcube, nginx and php-fpm when their packages are here (the webmail tests skip otherwise).
    const roundcube = `mp_rc_${id}`;
    let roundcubeUrl: string | undefined;
    if (webmailInstalled()) {
      cleanups.push(async () => {
        await withClient(adminUrl, async (client) => {
          await client.query(`drop database if exists "${roundcube}" with (force)`);
          await client.query(`drop role if exists "${roundcube}"`);
        });
      });
      roundcubeUrl = await createRoundcubeDatabase({ adminUrl, name: roundcube, password: generateRolePassword() });
    }
    const settings: MailServerSettings = {
      database: parseMailDatabaseUrl(mailDatabaseUrl),
      hostname: 'mail.mailpanel.test',
      // Both loopback addresses: --listen takes a list, IPv4 and IPv6 together.
      listen: ['127.0.0.1', '::1'],
      ports,
      outDir: path.join(root, 'etc'),
      stateDir: path.join(root, 'state'),
      logDir: path.join(root, 'log'),
      mailRoot: path.join(root, 'vmail'),
      // Debian's own `mail` user: the tests need no user of their own.
      mailUser: lookupSystemUser('mail'),
      testing: true,
      instanceName: `mailpanel-test-${id}`,
      webmail: roundcubeUrl
        ? {
            database: parseMailDatabaseUrl(roundcubeUrl),
            httpListen: '127.0.0.1',
            httpPort: http!,
            panelUrl: 'http://panel.mailpanel.test',
            pluginsDir: roundcubePluginsDir(process.cwd()),
          }
        : undefined,
    };
    const blocked = blockedMailHostPaths(settings);
    if (blocked.length > 0) throw new Error(describeBlocked(blocked));
    writeMailConfig(settings.outDir, renderMailConfig(settings));
    prepareMailHost(settings);
    const dovecotConfig = dovecotConfigFile(settings.outDir);
    const postfixDir = postfixConfDir(settings.outDir);
    const policyLog = path.join(settings.logDir, 'policy.log');

    // The policy service as `npm run policy` runs it, as the mail servers' role.
    const policyOut = fs.openSync(policyLog, 'a');
    const policyProcess: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/policy.ts', '--port', String(ports.policy)], {
      cwd: process.cwd(),
      env: { ...process.env, MAILPANEL_MAIL_DATABASE_URL: mailDatabaseUrl },
      stdio: ['ignore', policyOut, policyOut],
    });
    fs.closeSync(policyOut);
    cleanups.push(async () => {
      if (policyProcess.exitCode !== null) return;
      const exited = new Promise((resolve) => policyProcess.once('exit', resolve));
      policyProcess.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (policyProcess.exitCode === null) policyProcess.kill('SIGKILL');
    });

    await runDaemon('dovecot', ['-c', dovecotConfig], path.join(settings.logDir, 'dovecot-start.log'));
    const dovecotPidFile = path.join(runtimeDirs(settings.stateDir).dovecotRun, 'master.pid');
    cleanups.push(async () => {
      const pid = readPid(dovecotPidFile);
      await runDaemon('doveadm', ['-c', dovecotConfig, 'stop'], path.join(settings.logDir, 'dovecot-start.log')).catch(() => pid && process.kill(pid, 'SIGTERM'));
      if (pid) await waitUntil('Dovecot to stop', () => !alive(pid), 15_000);
    });

    await runDaemon('postfix', ['-c', postfixDir, 'start'], path.join(settings.logDir, 'postfix-start.log'));
    const postfixPidFile = path.join(runtimeDirs(settings.stateDir).postfixQueue, 'pid', 'master.pid');
    cleanups.push(async () => {
      const pid = readPid(postfixPidFile);
      await runDaemon('postfix', ['-c', postfixDir, 'stop'], path.join(settings.logDir, 'postfix-start.log')).catch(() => pid && process.kill(pid, 'SIGTERM'));
      if (pid) await waitUntil('Postfix to stop', () => !alive(pid), 15_000);
    });

    if (settings.webmail) {
      const phpFpm = phpFpmBinary()!;
      const phpFpmPidFile = path.join(runtimeDirs(settings.stateDir).phpFpm, 'php-fpm.pid');
      await runDaemon(phpFpm, ['-y', phpFpmConfigFile(settings.outDir)], path.join(settings.logDir, 'php-fpm-start.log'));
      cleanups.push(async () => {
        const pid = readPid(phpFpmPidFile);
        if (pid) {
          process.kill(pid, 'SIGQUIT');
          await waitUntil('php-fpm to stop', () => !alive(pid), 15_000);
        }
      });
      const nginx = nginxConfigFile(settings.outDir);
      const nginxLog = path.join(settings.logDir, 'nginx-start.log');
      await runDaemon('nginx', ['-e', path.join(settings.logDir, 'nginx-error.log'), '-c', nginx], nginxLog);
      const nginxPidFile = path.join(runtimeDirs(settings.stateDir).nginx, 'nginx.pid');
      cleanups.push(async () => {
        const pid = readPid(nginxPidFile);
        await runDaemon('nginx', ['-e', path.join(settings.logDir, 'nginx-error.log'), '-c', nginx, '-s', 'quit'], nginxLog).catch(() => pid && process.kill(pid, 'SIGTERM'));
        if (pid) await waitUntil('nginx to stop', () => !alive(pid), 15_000);
      });
      await waitUntil(`nginx on port ${settings.webmail.httpPort}`, () => canConnect(settings.webmail!.httpPort));
    }

    for (const [name, port] of Object.entries(ports)) {
      await waitUntil(`${name} on port ${port}`, () => {
        if (name === 'policy' && policyProcess.exitCode !== null) throw new Error(`The policy service exited:\n${tail(policyLog)}`);
        return canConnect(port);
      });
    }

    const servers: MailServers = {
      databaseUrl,
      mailDatabaseUrl,
      mailRole: role,
      ports,
      dovecotConfig,
      postfixConfDir: postfixDir,
      mailRoot: settings.mailRoot,
      mailHomeTemplate: mailHomeTemplate(settings.mailRoot),
      logDir: settings.logDir,
      webmail: settings.webmail ? { url: `http://127.0.0.1:${settings.webmail.httpPort}`, panelUrl: settings.webmail.panelUrl } : undefined,
    };
    project.provide('mailServers', servers);
    console.log(`[mail tests] Dovecot, Postfix and the policy service are up (logs: ${settings.logDir}).`);
  } catch (error) {
    const logs = ['dovecot.log', 'postfix.log', 'policy.log', 'php-fpm.log', 'nginx-error.log', 'roundcube/errors.log'].map((name) => `--- ${name}\n${tail(path.join(root, 'log', name))}`).join('\n');
    await cleanup();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }

  return cleanup;
}
