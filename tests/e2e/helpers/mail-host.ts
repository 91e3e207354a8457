import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, repoRoot } from './server';

// A mail host of the spec's own, set up as docs/mail-servers.md tells an operator to: a PostgreSQL database
// migrated by `npm run db:migrate`, the role from `npm run mail:role`, Roundcube's database with Debian's
// schema, the configuration from `npm run mail:config`, then Dovecot, Postfix, php-fpm and nginx on
// loopback ports. Needs root, the Debian packages (.ci/run) and TEST_DATABASE_URL.

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

/** Why this machine cannot run the webmail spec, or null when it can. */
export function webmailUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'the webmail spec starts Dovecot, Postfix, nginx and php-fpm, which needs root';
  if (!process.env.TEST_DATABASE_URL) return 'the webmail spec needs TEST_DATABASE_URL (a PostgreSQL server it may create databases on)';
  const files = ['/usr/sbin/dovecot', '/usr/sbin/postfix', '/usr/lib/dovecot/modules/auth/libdriver_pgsql.so', '/usr/share/roundcube/SQL/postgres.initial.sql', '/usr/sbin/nginx'];
  const missing = files.filter((file) => !fs.existsSync(file));
  if (!phpFpm()) missing.push('/usr/sbin/php-fpm*');
  return missing.length > 0 ? `the webmail spec needs the Debian packages of .ci/run (missing: ${missing.join(', ')})` : null;
}

function phpFpm(): string | undefined {
  const name = fs.readdirSync('/usr/sbin').filter((file) => /^php-fpm\d+\.\d+$/.test(file)).sort().at(-1);
  return name && path.join('/usr/sbin', name);
}

export type MailHost = {
  /** The panel's database (its owner's URL), for the panel under test. */
  databaseUrl: string;
  webmailUrl: string;
  imapPort: number;
  /** doveadm and MAIL_HOME for the panel's worker. */
  workerEnv: Record<string, string>;
  logs(): string;
  stop(): Promise<void>;
};

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string, credentials?: { user: string; password: string }): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  if (credentials) {
    next.username = credentials.user;
    next.password = credentials.password;
  }
  return next.toString();
}

export async function startMailHost({ panelUrl, panelApiUrl }: { panelUrl: string; panelApiUrl?: string }): Promise<MailHost> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const id = randomBytes(4).toString('hex');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-webmail-e2e-'));
  fs.chmodSync(root, 0o755);
  const stops: (() => unknown)[] = [];
  const logDir = path.join(root, 'log');
  const stop = async () => {
    for (const step of stops.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('[webmail e2e] cleanup:', error);
      }
    }
  };
  const logs = () =>
    ['dovecot.log', 'postfix.log', 'nginx-error.log', 'php-fpm.log', 'roundcube/errors.log', 'roundcube/php-errors.log']
      .map((name) => {
        const file = path.join(logDir, name);
        return `--- ${name}\n${fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '(none)'}`;
      })
      .join('\n');
  const run = (file: string, args: string[], env: Record<string, string> = {}, input?: string) =>
    execFileSync(file, args, { cwd: repoRoot, env: { ...process.env, ...env }, input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 }).toString();
  // A server that daemonizes: its output to a file, so that no pipe of ours stays open in its children.
  const daemon = (file: string, args: string[]) => {
    fs.mkdirSync(logDir, { recursive: true });
    const out = fs.openSync(path.join(logDir, 'start.log'), 'a');
    try {
      const result = spawnSync(file, args, { stdio: ['ignore', out, out], timeout: 60_000 });
      if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} exited with ${result.status}: ${fs.readFileSync(path.join(logDir, 'start.log'), 'utf8')}`);
    } finally {
      fs.closeSync(out);
    }
  };

  try {
    const database = `mp_e2e_webmail_${id}`;
    const roundcube = `mp_e2e_rc_${id}`;
    const mailRole = `${database}_mail`;
    await sql(adminUrl, `create database "${database}"`);
    stops.push(async () => {
      await sql(adminUrl, `drop database if exists "${database}" with (force)`);
      await sql(adminUrl, `drop database if exists "${roundcube}" with (force)`);
      await sql(adminUrl, `drop role if exists "${roundcube}"`);
      // The mail role's default privileges died with the database; what it owns elsewhere: nothing.
      await sql(adminUrl, `drop role if exists "${mailRole}"`);
    });
    const databaseUrl = withDatabase(adminUrl, database);
    run(tsx, ['scripts/db-migrate.ts'], { DATABASE_URL: databaseUrl });
    const urlFile = path.join(root, 'mail-db-url');
    run(tsx, ['scripts/mail-role.ts', '--database-url', databaseUrl, '--role', mailRole, '--url-file', urlFile]);

    const roundcubePassword = randomBytes(18).toString('base64url');
    await sql(adminUrl, `create role "${roundcube}" login password '${roundcubePassword}'`);
    await sql(adminUrl, `create database "${roundcube}" owner "${roundcube}"`);
    const roundcubeUrl = withDatabase(adminUrl, roundcube, { user: roundcube, password: roundcubePassword });
    await sql(roundcubeUrl, fs.readFileSync('/usr/share/roundcube/SQL/postgres.initial.sql', 'utf8'));

    const ports: Record<string, number> = {};
    for (const flag of ['imap-port', 'pop3-port', 'smtp-port', 'submission-port', 'lmtp-port', 'auth-port', 'quota-status-port', 'policy-port', 'webmail-imap-port', 'webmail-submission-port', 'webmail-port']) {
      ports[flag] = await freePort();
    }
    const outDir = path.join(root, 'etc');
    const stateDir = path.join(root, 'state');
    run(tsx, [
      'scripts/mail-config.ts',
      '--database-url', fs.readFileSync(urlFile, 'utf8').trim(),
      '--out', outDir,
      '--state-dir', stateDir,
      '--log-dir', logDir,
      '--mail-root', path.join(root, 'vmail'),
      '--mail-user', 'mail',
      '--hostname', 'mail.e2e.example',
      '--listen', '127.0.0.1',
      '--instance', `mp-e2e-${id}`,
      '--testing',
      '--roundcube-database-url', roundcubeUrl,
      '--panel-url', panelUrl,
      ...(panelApiUrl ? ['--panel-api-url', panelApiUrl] : []),
      ...Object.entries(ports).flatMap(([flag, port]) => [`--${flag}`, String(port)]),
    ]);

    const dovecotConf = path.join(outDir, 'dovecot', 'dovecot.conf');
    daemon('dovecot', ['-c', dovecotConf]);
    stops.push(() => spawnSync('doveadm', ['-c', dovecotConf, 'stop'], { stdio: 'ignore' }));
    daemon('postfix', ['-c', path.join(outDir, 'postfix'), 'start']);
    stops.push(() => spawnSync('postfix', ['-c', path.join(outDir, 'postfix'), 'stop'], { stdio: 'ignore' }));
    daemon(phpFpm()!, ['-y', path.join(outDir, 'php-fpm', 'php-fpm.conf')]);
    stops.push(() => {
      const pid = Number(fs.readFileSync(path.join(stateDir, 'php-fpm', 'php-fpm.pid'), 'utf8').trim());
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    });
    const nginx = ['-e', path.join(logDir, 'nginx-error.log'), '-c', path.join(outDir, 'nginx', 'nginx.conf')];
    daemon('nginx', nginx);
    stops.push(() => spawnSync('nginx', [...nginx, '-s', 'quit'], { stdio: 'ignore' }));
    stops.push(() => fs.rmSync(root, { recursive: true, force: true }));
    // Removed last (the list runs backwards): the servers stop first.
    stops.unshift(stops.pop()!);

    return {
      databaseUrl,
      webmailUrl: `http://127.0.0.1:${ports['webmail-port']}`,
      imapPort: ports['imap-port']!,
      workerEnv: { MAIL_DOVEADM: `doveadm -c ${dovecotConf}`, MAIL_HOME: path.join(root, 'vmail', '%d', '%n') },
      logs,
      stop,
    };
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    const message = `${error instanceof Error ? error.message : String(error)}\n${detail}\n${logs()}`;
    await stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(message);
  }
}
