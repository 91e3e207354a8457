import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { parseMailDatabaseUrl } from '@/lib/mail-servers/database-url';
import { dovecotConfigFile, mailHomeTemplate, postfixConfDir, rspamdDirs } from '@/lib/mail-servers/layout';
import { renderMailConfig } from '@/lib/mail-servers/render-config';
import { rspamdCommand } from '@/lib/mail-servers/rspamd';
import { dropMailRole, generateRolePassword, grantMailRole, mailRoleUrl } from '@/lib/mail-servers/role';
import type { MailPorts, MailServerSettings } from '@/lib/mail-servers/settings';
import { lookupSystemUser } from '@/lib/mail-servers/system-user';
import { describeBlocked } from '@/lib/mail-servers/traversable';
import { blockedMailHostPaths, prepareMailHost, writeMailConfig } from '@/lib/mail-servers/write-config';
import { postsrsdCommand, postsrsdInstalled } from '@/lib/mail-servers/srs';
import { listeningPorts } from '@/lib/mail-servers/listening-ports';
import { MAIL_SERVER_FILES, RSPAMD_FILE } from '@/lib/mail-servers/installed';
import type { MailServers } from './helpers/context';
import { canConnect, freePorts, runForeground, startDovecotAndPostfix, startWebmail, tail, waitUntil } from './helpers/daemons';
import { SINK_DOMAIN, startSmtpSink } from './helpers/smtp-sink';
import { WEBMAIL_FILES, webmailInstalled } from '@/lib/mail-servers/installed';
import { roundcubePluginsDir } from '@/lib/mail-servers/layout';

// The mail project's world: a fresh database migrated by our migrations, the mail servers' role, the
// configuration rendered by lib/mail-servers into a temporary directory, and Dovecot, Postfix and the
// policy service started on loopback ports nobody else uses. Everything is stopped and removed after.

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function preflight(): void {
  const missing = MAIL_SERVER_FILES.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The mail tests need Dovecot and Postfix with their pgsql and sieve packages (missing: ${missing.join(', ')}). See .ci/run.`);
  }
  // CI installs postsrsd (.ci/run): there its SRS tests must run; elsewhere they are skipped without it.
  if (process.env.CI && !postsrsdInstalled()) throw new Error('The mail tests need postsrsd in CI (SRS). See .ci/run.');
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

    const [imap, pop3, smtp, submission, lmtp, auth, quotaStatus, policy, imaps, pop3s, submissions, srsForward, srsReverse, milter, dns, webmailImap, webmailSubmission, http, panelApi] = await freePorts(19);
    const ports: MailPorts = {
      imap: imap!, pop3: pop3!, smtp: smtp!, submission: submission!, lmtp: lmtp!, auth: auth!, quotaStatus: quotaStatus!, policy: policy!,
      imaps: imaps!, pop3s: pop3s!, submissions: submissions!, srsForward: srsForward!, srsReverse: srsReverse!,
      webmailImap: webmailImap!, webmailSubmission: webmailSubmission!,
    };
    // SRS with Debian's postsrsd when it is installed (always in CI), with a secret of the tests' own.
    const srsSecret = path.join(root, 'postsrsd.secret');
    fs.writeFileSync(srsSecret, randomBytes(24).toString('base64'), { mode: 0o600 });

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
      srs: postsrsdInstalled() ? { domain: 'mail.mailpanel.test', secretFile: srsSecret } : undefined,
      testing: true,
      instanceName: `mailpanel-test-${id}`,
      // rendered as `npm run mail:config` does, but not started here: Postfix passes mail on while it is not
      // running (milter_default_action = accept), and the files that test it start it (helpers/rspamd.ts).
      rspamd: fs.existsSync(RSPAMD_FILE)
        ? { milterPort: milter!, dkimKeyDir: path.join(root, 'dkim'), dnsServers: [`127.0.0.1:${dns!}`] }
        : undefined,
      webmail: roundcubeUrl
        ? {
            database: parseMailDatabaseUrl(roundcubeUrl),
            httpListen: '127.0.0.1',
            httpPort: http!,
            panelUrl: 'http://panel.mailpanel.test',
            // The webmail test serves the panel's password route here itself (helpers/panel-api.ts).
            panelApiUrl: `http://127.0.0.1:${panelApi!}`,
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

    // "Elsewhere": mail for sink.test (and its subdomains) leaves for the tests' SMTP sink instead of DNS.
    const sinkDir = path.join(root, 'sink');
    const sink = await startSmtpSink(sinkDir);
    cleanups.push(() => sink.close());
    const relay = `smtp:[127.0.0.1]:${sink.port}`;
    fs.appendFileSync(
      path.join(postfixDir, 'main.cf'),
      `\n# Tests only: mail for ${SINK_DOMAIN} goes to the tests' SMTP sink.\ntransport_maps = inline:{ ${SINK_DOMAIN}=${relay}, .${SINK_DOMAIN}=${relay} }\n`,
    );

    if (settings.srs) {
      // In the foreground as the unprivileged `nobody` once its ports are bound, as Debian runs it as `postsrsd`.
      const postsrsd = runForeground(postsrsdCommand(settings, settings.srs, { user: 'nobody' }), path.join(settings.logDir, 'postsrsd.log'));
      cleanups.push(() => postsrsd.stop());
    }

    // The policy service as `npm run policy` runs it, as the mail servers' role.
    const policyService = runForeground(
      [process.execPath, '--import', 'tsx', 'scripts/policy.ts', '--port', String(ports.policy)],
      policyLog,
      { ...process.env, MAILPANEL_MAIL_DATABASE_URL: mailDatabaseUrl },
    );
    cleanups.push(() => policyService.stop());
    const policyProcess = policyService.child;

    await startDovecotAndPostfix(settings, cleanups);

    await startWebmail(settings, cleanups);

    for (const [name, port] of Object.entries(listeningPorts(settings))) {
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
      sinkDir,
      srsDomain: settings.srs?.domain,
      rspamd: settings.rspamd
        ? { milterPort: milter!, dnsPort: dns!, dkimKeyDir: settings.rspamd.dkimKeyDir, command: rspamdCommand(settings, { foreground: true }), logDir: rspamdDirs(settings).log }
        : null,
      webmail: settings.webmail ? { url: `http://127.0.0.1:${settings.webmail.httpPort}`, panelUrl: settings.webmail.panelUrl, panelApiPort: panelApi! } : undefined,
    };
    project.provide('mailServers', servers);
    console.log(`[mail tests] Dovecot, Postfix and the policy service are up (logs: ${settings.logDir}).`);
  } catch (error) {
    const logs = ['dovecot.log', 'postfix.log', 'policy.log', 'postsrsd.log', 'php-fpm.log', 'nginx-error.log', 'roundcube/errors.log'].map((name) => `--- ${name}\n${tail(path.join(root, 'log', name))}`).join('\n');
    await cleanup();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }

  return cleanup;
}
