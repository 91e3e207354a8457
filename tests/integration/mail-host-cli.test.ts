import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { dropMailRole } from '@/lib/mail-servers/role';
import { testDriver } from './helpers/db';

// `npm run mail:config` and `npm run mail:role` as an operator runs them from docs/mail-servers.md.

type Run = { code: number | null; out: string };

/** Runs a script; `stdin: 'open'` gives it a pipe that is never closed (a script or CI job's stdin). */
function run(script: string, args: string[], { stdin, env = {} }: { stdin?: string | 'open'; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(path.join('node_modules', '.bin', 'tsx'), [script, ...args], {
      env: { ...process.env, DATABASE_URL: '', MAILPANEL_MAIL_DATABASE_URL: '', ...env },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    if (stdin !== undefined && stdin !== 'open') child.stdin?.end(stdin);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      resolve({ code, out });
    });
  });
}

const hasUser = (name: string) => fs.readFileSync('/etc/passwd', 'utf8').split('\n').some((line) => line.startsWith(`${name}:`));
const hasMailUsers = ['dovecot', 'postfix'].every(hasUser);
// rspamd is rendered when its user exists (Debian's package made it); mail:config warns otherwise.
const hasRspamd = hasUser('_rspamd');
const MAIL_URL = 'postgres://mailpanel_mail:S3cret-password_value@127.0.0.1:5432/mailpanel';

describe.runIf(testDriver() === 'embedded' && hasMailUsers && process.getuid?.() === 0)('npm run mail:config', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-mailcfg-'));
  // mkdtemp's 0700 is exactly what the command refuses: each test makes its own folder below.
  fs.chmodSync(tmp, 0o755);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const options = (base: string, ...more: string[]) => [
    '--database-url', MAIL_URL, '--out', path.join(base, 'etc'), '--state-dir', path.join(base, 'state'), '--log-dir', path.join(base, 'log'),
    '--mail-root', path.join(base, 'vmail'), '--mail-user', 'mail', '--hostname', 'mail.example.test', '--dkim-key-dir', path.join(base, 'dkim'), ...more,
  ];

  it('refuses, before writing anything, folders the servers\' users cannot enter, and says which and why', async () => {
    const closed = path.join(tmp, 'closed');
    fs.mkdirSync(closed, { mode: 0o700 });
    fs.chmodSync(closed, 0o700);
    const result = await run('scripts/mail-config.ts', options(closed));
    expect(result.code).toBe(2);
    expect(result.out).toContain(`${closed} (mode 0700`);
    expect(result.out).toMatch(/not by dovecot, postfix, mail/);
    expect(result.out).toContain('--out, --state-dir and --mail-root');
    expect(fs.readdirSync(closed)).toEqual([]);
  });

  it('prints start lines with the database URLs (in files only root reads), and how to reload and stop', async () => {
    const open = path.join(tmp, 'open');
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    const panelUrl = 'postgres://mailpanel:panel-secret@db.internal/mailpanel';
    const result = await run('scripts/mail-config.ts', options(open, '--listen', '127.0.0.1, ::1'), { env: { DATABASE_URL: panelUrl } });
    expect(result.code, result.out).toBe(0);
    const etc = path.join(open, 'etc');
    expect(result.out).toContain(`dovecot -c ${etc}/dovecot/dovecot.conf\n`);
    expect(result.out).toContain(`(set -a; . ${etc}/policy.env; set +a; cd ${process.cwd()} && exec npm run policy -- --port 12341)`);
    expect(result.out).toContain(`(set -a; . ${etc}/worker.env; set +a; cd ${process.cwd()} && exec npm run worker)`);
    expect(result.out).toContain(`doveadm -c ${etc}/dovecot/dovecot.conf reload\n  postfix -c ${etc}/postfix reload`);
    expect(result.out).toContain(`postfix -c ${etc}/postfix stop\n  doveadm -c ${etc}/dovecot/dovecot.conf stop`);
    // No password on the terminal.
    expect(result.out).not.toContain('S3cret');
    expect(result.out).not.toContain('panel-secret');

    expect(fs.readFileSync(path.join(etc, 'policy.env'), 'utf8')).toContain(`MAILPANEL_MAIL_DATABASE_URL='${MAIL_URL}'`);
    const worker = fs.readFileSync(path.join(etc, 'worker.env'), 'utf8');
    expect(worker).toContain(`DATABASE_URL='${panelUrl}'`);
    expect(worker).toContain(`MAIL_DOVEADM='doveadm -c ${etc}/dovecot/dovecot.conf'`);
    expect(worker).toContain(`MAIL_HOME='${open}/vmail/%d/%n'`);
    for (const file of ['policy.env', 'worker.env']) expect(fs.statSync(path.join(etc, file)).mode & 0o777, file).toBe(0o600);
    expect(fs.readFileSync(path.join(etc, 'dovecot', 'dovecot.conf'), 'utf8')).toContain('listen = 127.0.0.1, ::1\n');
    if (hasRspamd) {
      // rspamd between Dovecot and Postfix, with its own local.d and state; the worker writes the keys it reads.
      expect(result.out).toContain(
        `dovecot -c ${etc}/dovecot/dovecot.conf\n  rspamd -c ${etc}/rspamd/rspamd.conf -u _rspamd -g _rspamd --var=LOCAL_CONFDIR=${etc}/rspamd --var=DBDIR=${open}/state/rspamd\n  postfix -c`,
      );
      expect(worker).toContain(`DKIM_KEY_DIR='${open}/dkim'\nRSPAMD_PID_FILE='${open}/state/rspamd/rspamd.pid'`);
      expect(fs.readFileSync(path.join(etc, 'rspamd', 'local.d', 'dkim_signing.conf'), 'utf8')).toContain(`path = "${open}/dkim/$domain.$selector.key";`);
      const keyDir = fs.statSync(path.join(open, 'dkim'));
      // root's by default (no --dkim-key-owner), group _rspamd's, setgid: new key files take that group.
      expect(keyDir.mode & 0o7777).toBe(process.getuid?.() === 0 ? 0o2750 : 0o750);
    } else {
      expect(result.out).toContain('rspamd is not installed');
    }

    // The environment files as a shell reads them.
    const shell = await new Promise<string>((resolve) => {
      const child = spawn('sh', ['-c', `set -a; . ${etc}/worker.env; set +a; printf '%s|%s' "$DATABASE_URL" "$MAIL_DOVEADM"`]);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => resolve(out));
    });
    expect(shell).toBe(`${panelUrl}|doveadm -c ${etc}/dovecot/dovecot.conf`);
  });

  it('says when the worker\'s database URL is still to be added, and refuses a --listen that is not a list of addresses', async () => {
    const open = path.join(tmp, 'open2');
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    const result = await run('scripts/mail-config.ts', options(open));
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(`add DATABASE_URL to ${open}/etc/worker.env`);
    const bad = await run('scripts/mail-config.ts', options(open, '--listen', 'mail.example.test'));
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('"mail.example.test" is not an IP address');
  });

  it('renders postsrsd\'s settings for the SRS domain and says how to install them; --no-srs leaves SRS out', async () => {
    const open = path.join(tmp, 'open3');
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    const etc = path.join(open, 'etc');
    const result = await run('scripts/mail-config.ts', options(open, '--srs-domain', 'srs.example.test', '--srs-forward-port', '11001'));
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(`install -m 644 ${etc}/postsrsd/default /etc/default/postsrsd && systemctl restart postsrsd\n`);
    const defaults = fs.readFileSync(path.join(etc, 'postsrsd', 'default'), 'utf8');
    expect(defaults).toContain('SRS_DOMAIN=srs.example.test\n');
    expect(defaults).toContain('SRS_FORWARD_PORT=11001\n');
    expect(fs.readFileSync(path.join(etc, 'postfix', 'main.cf'), 'utf8')).toContain('tcp:127.0.0.1:11001');

    const off = path.join(tmp, 'open4');
    fs.mkdirSync(off, { mode: 0o755 });
    fs.chmodSync(off, 0o755);
    const without = await run('scripts/mail-config.ts', options(off, '--no-srs'));
    expect(without.code, without.out).toBe(0);
    expect(without.out).not.toContain('postsrsd');
    expect(fs.existsSync(path.join(off, 'etc', 'postsrsd'))).toBe(false);

    const bad = await run('scripts/mail-config.ts', options(off, '--srs-domain', 'not a domain'));
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--srs-domain: "not a domain" is not a domain name');
  });
});

describe.runIf(testDriver() === 'embedded' && hasMailUsers && process.getuid?.() === 0)('npm run mail:config with the webmail', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-webmailcfg-'));
  fs.chmodSync(tmp, 0o755);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const ROUNDCUBE_URL = 'postgres://mailpanel_roundcube:Rc-secret_value@127.0.0.1:5432/mailpanel_roundcube';
  const options = (base: string, ...more: string[]) => [
    '--database-url', MAIL_URL, '--out', path.join(base, 'etc'), '--state-dir', path.join(base, 'state'), '--log-dir', path.join(base, 'log'),
    '--mail-root', path.join(base, 'vmail'), '--mail-user', 'mail', '--hostname', 'mail.example.test', '--roundcube-database-url', ROUNDCUBE_URL, ...more,
  ];
  const noPanelUrl = { PUBLIC_URL: '', NEXTAUTH_URL: '' };

  it('renders Roundcube, nginx and php-fpm with their start lines, the passwords only in a file www-data reads', async () => {
    const base = path.join(tmp, 'ok');
    fs.mkdirSync(base, { mode: 0o755 });
    fs.chmodSync(base, 0o755);
    const result = await run('scripts/mail-config.ts', options(base, '--panel-url', 'https://panel.example.test', '--webmail-port', '8200'), { env: noPanelUrl });
    expect(result.code, result.out).toBe(0);
    const etc = path.join(base, 'etc');
    expect(result.out).toMatch(new RegExp(`php-fpm\\d+\\.\\d+ -y ${etc}/php-fpm/php-fpm.conf\n`));
    expect(result.out).toContain(`nginx -c ${etc}/nginx/nginx.conf\n`);
    expect(result.out).not.toContain('Rc-secret');
    const config = path.join(etc, 'roundcube', 'config.inc.php');
    expect(fs.statSync(config).mode & 0o777).toBe(0o640);
    expect(fs.statSync(config).gid).toBe(Number(fs.readFileSync('/etc/group', 'utf8').split('\n').find((line) => line.startsWith('www-data:'))!.split(':')[2]));
    expect(fs.readFileSync(config, 'utf8')).toContain('Rc-secret_value');
    expect(fs.readFileSync(path.join(etc, 'nginx', 'nginx.conf'), 'utf8')).toContain('listen 127.0.0.1:8200;');
  });

  it('refuses to render the webmail without the panel\'s address, and a --webmail-listen that is not an address', async () => {
    const base = path.join(tmp, 'refused');
    fs.mkdirSync(base, { mode: 0o755 });
    fs.chmodSync(base, 0o755);
    const missing = await run('scripts/mail-config.ts', options(base), { env: noPanelUrl });
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('--panel-url');
    const bad = await run('scripts/mail-config.ts', options(base, '--panel-url', 'https://panel.example.test', '--webmail-listen', 'webmail.example.test'), { env: noPanelUrl });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--webmail-listen must be an IP address');
    expect(fs.existsSync(path.join(base, 'etc'))).toBe(false);
  });
});

describe.runIf(testDriver() === 'postgres')('npm run mail:role', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const id = randomBytes(4).toString('hex');
  const names = [`mp_role_a_${id}`, `mp_role_b_${id}`];
  const urlOf = (database: string) => Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    for (const name of names) await admin(`drop database if exists "${name}" with (force)`);
    for (const role of [...names.map((name) => `${name}_mail`), `mp_role_x_${id}`]) await dropMailRole({ adminUrl, role });
  });

  it('never waits on a standard input that is not a terminal, names the role after the database, and keeps it to that database', async () => {
    for (const name of names) {
      await admin(`create database "${name}"`);
      const handle = openPostgres(urlOf(name), { max: 1 });
      await runMigrations(handle).finally(() => handle.close());
    }
    // A pipe nobody writes to or closes: the command must not wait for it.
    const first = await run('scripts/mail-role.ts', ['--database-url', urlOf(names[0]!)], { stdin: 'open' });
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain(`Role ${names[0]}_mail is ready`);

    const second = await run('scripts/mail-role.ts', ['--database-url', urlOf(names[1]!)], { stdin: 'open' });
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain(`Role ${names[1]}_mail is ready`);

    // Roles are cluster-wide: the first database's role is not taken over (nor its password changed) for the second.
    const taken = await run('scripts/mail-role.ts', ['--database-url', urlOf(names[1]!), '--role', `${names[0]}_mail`]);
    expect(taken.code).toBe(1);
    expect(taken.out).toContain(`The role ${names[0]}_mail already serves the database "${names[0]}"`);
    // Run again for its own database it is updated, as before.
    expect((await run('scripts/mail-role.ts', ['--database-url', urlOf(names[0]!)])).code).toBe(0);
  });

  it('reads the password from standard input only with --password-stdin', async () => {
    const role = `mp_role_x_${id}`;
    const piped = await run('scripts/mail-role.ts', ['--database-url', urlOf(names[0]!), '--role', role, '--password-stdin'], { stdin: 'a-piped-password-of-enough-length\n' });
    expect(piped.code, piped.out).toBe(0);
    expect(piped.out).toContain(`${role}:a-piped-password-of-enough-length@`);
    const empty = await run('scripts/mail-role.ts', ['--database-url', urlOf(names[0]!), '--role', role, '--password-stdin'], { stdin: '' });
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('nothing was read from standard input');
  });
});
