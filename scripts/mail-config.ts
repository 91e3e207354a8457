import './outside-next'; // first: see scripts/outside-next.ts
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMailDatabaseUrl } from '@/lib/mail-servers/database-url';
import { dovecotConfigFile, postfixConfDir } from '@/lib/mail-servers/layout';
import { parseListen } from '@/lib/mail-servers/listen';
import { renderMailConfig } from '@/lib/mail-servers/render-config';
import { DEFAULT_PORTS, type MailPorts, type MailServerSettings } from '@/lib/mail-servers/settings';
import { lookupSystemUser } from '@/lib/mail-servers/system-user';
import { describeBlocked } from '@/lib/mail-servers/traversable';
import { blockedMailHostPaths, prepareMailHost, writeMailConfig, writeServiceEnv } from '@/lib/mail-servers/write-config';

const PORT_FLAGS: Record<keyof MailPorts, string> = {
  imap: 'imap-port',
  pop3: 'pop3-port',
  smtp: 'smtp-port',
  submission: 'submission-port',
  lmtp: 'lmtp-port',
  auth: 'auth-port',
  quotaStatus: 'quota-status-port',
  policy: 'policy-port',
};

const USAGE = `Usage: npm run mail:config -- [options]
Renders the Dovecot and Postfix configuration for mailpanel's database and creates their directories.
  --database-url URL   the mail servers' role (npm run mail:role), postgres://ROLE:PASSWORD@HOST:PORT/DB
                       (default: $MAILPANEL_MAIL_DATABASE_URL); the policy service uses it too
  --panel-database-url URL   the panel's own database URL, for the worker (default: $DATABASE_URL)
  --lookup-database-url URL  where Dovecot's and Postfix's lookups read, e.g. a streaming replica, as the
                       same role (default: $MAILPANEL_MAIL_LOOKUP_DATABASE_URL, else --database-url);
                       writes, Sieve and the policy service stay on --database-url (docs/scaling.md)
  --out DIR            where the configuration goes (default: $MAILPANEL_MAIL_CONFIG_DIR or /etc/mailpanel-mail)
  --state-dir DIR      queues, sockets, state (default /var/lib/mailpanel-mail)
  --log-dir DIR        dovecot.log, postfix.log (default /var/log/mailpanel-mail)
  --mail-root DIR      the mailboxes (default /var/vmail)
  --mail-user NAME     the system user owning the mailboxes (default vmail)
  --hostname NAME      the servers' host name (default: MAIL_HOSTNAME, else this host's)
  --listen ADDRESSES   where IMAP, POP3, SMTP and submission listen: IP addresses separated by commas,
                       e.g. 192.0.2.7,2001:db8::7 (default *: every address, IPv4 and IPv6)
  --tls-cert FILE --tls-key FILE   certificate and key (PEM); without them nothing is encrypted
  --instance NAME      Dovecot instance name (default mailpanel)
  --testing            no delay or penalty after failed logins (test suites only)
${Object.entries(PORT_FLAGS)
  .map(([key, flag]) => `  --${flag} N`.padEnd(23) + `default ${DEFAULT_PORTS[key as keyof MailPorts]}`)
  .join('\n')}`;

function die(message: string): never {
  console.error(message);
  process.exit(2);
}

function port(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) die(`--${flag} must be a port number (1-65535).`);
  return value;
}

function main() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'panel-database-url': { type: 'string' },
      'lookup-database-url': { type: 'string' },
      out: { type: 'string' },
      'state-dir': { type: 'string' },
      'log-dir': { type: 'string' },
      'mail-root': { type: 'string' },
      'mail-user': { type: 'string' },
      hostname: { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      instance: { type: 'string' },
      testing: { type: 'boolean' },
      help: { type: 'boolean' },
      ...Object.fromEntries(Object.values(PORT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  if (values.help) return console.log(USAGE);
  const url = (values['database-url'] as string | undefined) ?? process.env.MAILPANEL_MAIL_DATABASE_URL;
  if (!url) die(`The mail servers' database URL is missing (--database-url or MAILPANEL_MAIL_DATABASE_URL).\n${USAGE}`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) die('--tls-cert and --tls-key go together.');

  const str = (name: string) => values[name as keyof typeof values] as string | undefined;
  const absolute = (name: string, fallback: string) => path.resolve(str(name) ?? fallback);
  const lookupUrl = str('lookup-database-url') ?? (process.env.MAILPANEL_MAIL_LOOKUP_DATABASE_URL || undefined);
  let settings: MailServerSettings;
  try {
    settings = {
      database: parseMailDatabaseUrl(url),
      lookupDatabase: lookupUrl ? parseMailDatabaseUrl(lookupUrl) : undefined,
      hostname: str('hostname') ?? process.env.MAIL_HOSTNAME ?? os.hostname(),
      listen: parseListen(str('listen') ?? '*'),
      ports: Object.fromEntries(
        Object.entries(PORT_FLAGS).map(([key, flag]) => [key, port(str(flag), DEFAULT_PORTS[key as keyof MailPorts], flag)]),
      ) as MailPorts,
      outDir: absolute('out', process.env.MAILPANEL_MAIL_CONFIG_DIR ?? '/etc/mailpanel-mail'),
      stateDir: absolute('state-dir', '/var/lib/mailpanel-mail'),
      logDir: absolute('log-dir', '/var/log/mailpanel-mail'),
      mailRoot: absolute('mail-root', '/var/vmail'),
      mailUser: lookupSystemUser(str('mail-user') ?? 'vmail'),
      tls: values['tls-cert'] ? { cert: path.resolve(str('tls-cert')!), key: path.resolve(str('tls-key')!) } : undefined,
      testing: Boolean(values.testing),
      instanceName: str('instance') ?? 'mailpanel',
    };
  } catch (error) {
    die(error instanceof Error ? error.message : String(error));
  }
  // Before writing anything, and again once the missing folders were made (under the umask).
  const blocked = blockedMailHostPaths(settings);
  if (blocked.length > 0) die(describeBlocked(blocked));
  const written = writeMailConfig(settings.outDir, renderMailConfig(settings));
  prepareMailHost(settings);
  const stillBlocked = blockedMailHostPaths(settings);
  if (stillBlocked.length > 0) die(describeBlocked(stillBlocked));
  const panelDatabaseUrl = str('panel-database-url') ?? (process.env.DATABASE_URL || undefined);
  let env: ReturnType<typeof writeServiceEnv>;
  try {
    env = writeServiceEnv(settings, { mailDatabaseUrl: url, panelDatabaseUrl });
  } catch (error) {
    die(error instanceof Error ? error.message : String(error));
  }
  console.log(startLines({ settings, written: written.length + 2, env, panelDatabaseUrl: Boolean(panelDatabaseUrl) }));
}

/** What to run, reload and stop for this configuration, ready to paste. */
function startLines({ settings, written, env, panelDatabaseUrl }: { settings: MailServerSettings; written: number; env: { policy: string; worker: string }; panelDatabaseUrl: boolean }): string {
  const dovecot = dovecotConfigFile(settings.outDir);
  const postfix = postfixConfDir(settings.outDir);
  const sh = (word: string) => (/^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
  const withEnv = (file: string, command: string) => `(set -a; . ${sh(file)}; set +a; cd ${sh(process.cwd())} && exec ${command})`;
  return [
    `Wrote ${written} files under ${settings.outDir}.`,
    '',
    'Start, as root, in this order (under a service manager: dovecot -F stays in the foreground; the env files',
    'hold the database URLs, mode 600, and serve as EnvironmentFile= of a systemd unit as they are):',
    `  dovecot -c ${sh(dovecot)}`,
    `  postfix -c ${sh(postfix)} start`,
    `  ${withEnv(env.policy, `npm run policy -- --port ${settings.ports.policy}`)}`,
    `  ${withEnv(env.worker, 'npm run worker')}`,
    ...(panelDatabaseUrl
      ? []
      : ['', `The worker needs the panel's own database URL: add DATABASE_URL to ${env.worker} (or render again with --panel-database-url).`]),
    '',
    'After rendering again, reload (Dovecot first: Postfix keeps its SASL connection to the old auth process):',
    `  doveadm -c ${sh(dovecot)} reload`,
    `  postfix -c ${sh(postfix)} reload`,
    '',
    'Stop:',
    `  postfix -c ${sh(postfix)} stop`,
    `  doveadm -c ${sh(dovecot)} stop`,
    '  and SIGTERM to the policy service and the worker (both stop cleanly).',
  ].join('\n');
}

main();
