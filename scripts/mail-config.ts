import './outside-next'; // first: see scripts/outside-next.ts
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMailDatabaseUrl } from '@/lib/mail-servers/database-url';
import { dovecotConfigFile, nginxConfigFile, phpFpmConfigFile, postfixConfDir, roundcubePluginsDir } from '@/lib/mail-servers/layout';
import { phpFpmBinary } from '@/lib/mail-servers/installed';
import { parseListen } from '@/lib/mail-servers/listen';
import { renderMailConfig } from '@/lib/mail-servers/render-config';
import { DEFAULT_DKIM_KEY_DIR, DEFAULT_MILTER_PORT, DEFAULT_PORTS, RSPAMD_USER, type MailPorts, type MailServerSettings, type WebmailSettings } from '@/lib/mail-servers/settings';
import { parseSrsDomain, POSTSRSD_DEFAULT_FILE } from '@/lib/mail-servers/srs';
import { parseDnsServers, rspamdCommand } from '@/lib/mail-servers/rspamd';
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
  imaps: 'imaps-port',
  pop3s: 'pop3s-port',
  submissions: 'submissions-port',
  srsForward: 'srs-forward-port',
  srsReverse: 'srs-reverse-port',
  webmailImap: 'webmail-imap-port',
  webmailSubmission: 'webmail-submission-port',
};

const DEFAULT_WEBMAIL_PORT = 8143;

const USAGE = `Usage: npm run mail:config -- [options]
Renders the Dovecot, Postfix and rspamd configuration for mailpanel's database and creates their directories.
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
  --tls-cert FILE --tls-key FILE   certificate and key (PEM); without them nothing is encrypted and the
                       implicit-TLS ports (IMAPS, POP3S, submissions) stay closed
  --srs-domain NAME    the domain of SRS-rewritten senders of forwarded mail (default: the host name)
  --srs-secret FILE    postsrsd's secret (default /etc/postsrsd.secret)
  --no-srs             no SRS: forwarded mail keeps its sender (and postsrsd is not needed)
  --instance NAME      Dovecot instance name (default mailpanel)
  --milter-port N      rspamd's milter port on 127.0.0.1 (default ${DEFAULT_MILTER_PORT})
  --dkim-key-dir DIR   where the worker writes the DKIM keys rspamd signs with
                       (default: $DKIM_KEY_DIR or ${DEFAULT_DKIM_KEY_DIR})
  --dkim-key-owner USER  the worker's system user, when it does not run as root (the systemd units of
                       npm run ops:units): the key folder becomes USER's, group _rspamd, mode 2750
  --dns-resolver LIST  the resolver rspamd asks, e.g. 127.0.0.1:53 (default: $DNS_RESOLVER, else the system's)
  --testing            no delay or penalty after failed logins, rspamd's test patterns, XCLIENT from
                       127.0.0.1 (test suites only)
Webmail (Roundcube behind nginx and php-fpm; rendered only with --roundcube-database-url):
  --roundcube-database-url URL   Roundcube's own database, postgres://USER:PASSWORD@HOST:PORT/DB
                       (default: $MAILPANEL_ROUNDCUBE_DATABASE_URL)
  --webmail-listen ADDRESS   where nginx listens (default 127.0.0.1: put the site's TLS proxy in front)
  --webmail-port N     default ${DEFAULT_WEBMAIL_PORT}
  --panel-url URL      the panel's address named in the webmail's messages (default: $PUBLIC_URL, $NEXTAUTH_URL)
  --panel-api-url URL  where Roundcube calls the panel to change passwords (default: --panel-url); put
                       Roundcube's host in the panel's TRUSTED_PROXIES
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

function rspamdInstalled(): boolean {
  try {
    lookupSystemUser(RSPAMD_USER);
    return true;
  } catch {
    return false;
  }
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
      'milter-port': { type: 'string' },
      'dkim-key-dir': { type: 'string' },
      'dkim-key-owner': { type: 'string' },
      'dns-resolver': { type: 'string' },
      testing: { type: 'boolean' },
      'srs-domain': { type: 'string' },
      'srs-secret': { type: 'string' },
      'no-srs': { type: 'boolean' },
      'roundcube-database-url': { type: 'string' },
      'webmail-listen': { type: 'string' },
      'webmail-port': { type: 'string' },
      'panel-api-url': { type: 'string' },
      'panel-url': { type: 'string' },
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
    const hostname = str('hostname') ?? process.env.MAIL_HOSTNAME ?? os.hostname();
    settings = {
      database: parseMailDatabaseUrl(url),
      lookupDatabase: lookupUrl ? parseMailDatabaseUrl(lookupUrl) : undefined,
      hostname,
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
      srs: values['no-srs'] ? undefined : { domain: parseSrsDomain(str('srs-domain') ?? hostname), secretFile: absolute('srs-secret', '/etc/postsrsd.secret') },
      testing: Boolean(values.testing),
      instanceName: str('instance') ?? 'mailpanel',
      // Without rspamd installed: everything else, and a warning (no signing, no filtering).
      rspamd: rspamdInstalled()
        ? {
            milterPort: port(str('milter-port'), DEFAULT_MILTER_PORT, 'milter-port'),
            dkimKeyDir: absolute('dkim-key-dir', process.env.DKIM_KEY_DIR || DEFAULT_DKIM_KEY_DIR),
            dkimKeyOwner: lookupSystemUser(str('dkim-key-owner') ?? 'root').name,
            dnsServers: parseDnsServers(str('dns-resolver') ?? process.env.DNS_RESOLVER ?? ''),
          }
        : undefined,
      webmail: webmailSettings(str),
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

/** Roundcube's settings, when its database is given (else no webmail is rendered). */
function webmailSettings(str: (name: string) => string | undefined): WebmailSettings | undefined {
  const url = str('roundcube-database-url') ?? process.env.MAILPANEL_ROUNDCUBE_DATABASE_URL;
  if (!url) return undefined;
  const panelUrl = str('panel-url') ?? process.env.PUBLIC_URL ?? process.env.NEXTAUTH_URL;
  if (!panelUrl) die('The webmail names the panel in its messages: give --panel-url (or set PUBLIC_URL).');
  // Written into Roundcube's PHP configuration between single quotes.
  if (!/^https?:\/\/[^\s'\\]+$/.test(panelUrl)) die('--panel-url must be an http(s) address without quotes, backslashes or spaces.');
  const panelApiUrl = str('panel-api-url');
  if (panelApiUrl !== undefined && !/^https?:\/\/[^\s'\\]+$/.test(panelApiUrl)) die('--panel-api-url must be an http(s) address without quotes, backslashes or spaces.');
  const listen = str('webmail-listen') ?? '127.0.0.1';
  if (net.isIP(listen) === 0) die('--webmail-listen must be an IP address.');
  return {
    database: parseMailDatabaseUrl(url),
    httpListen: listen,
    httpPort: port(str('webmail-port'), DEFAULT_WEBMAIL_PORT, 'webmail-port'),
    panelUrl,
    ...(panelApiUrl ? { panelApiUrl } : {}),
    pluginsDir: roundcubePluginsDir(process.cwd()),
  };
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
    ...(settings.srs
      ? [`  install -m 644 ${sh(path.join(settings.outDir, POSTSRSD_DEFAULT_FILE))} /etc/default/postsrsd && systemctl restart postsrsd`]
      : []),
    `  dovecot -c ${sh(dovecot)}`,
    ...(settings.rspamd ? [`  ${rspamdCommand(settings).map(sh).join(' ')}`] : []),
    `  postfix -c ${sh(postfix)} start`,
    `  ${withEnv(env.policy, `npm run policy -- --port ${settings.ports.policy}`)}`,
    `  ${withEnv(env.worker, 'npm run worker')}`,
    ...(settings.rspamd
      ? []
      : ['', 'rspamd is not installed (apt-get install rspamd, then render again): mail will leave without DKIM signatures and arrive unfiltered.']),
    ...(settings.webmail
      ? [`  ${path.basename(phpFpmBinary() ?? 'php-fpm8.2')} -y ${sh(phpFpmConfigFile(settings.outDir))}`, `  nginx -c ${sh(nginxConfigFile(settings.outDir))}`]
      : []),
    ...(panelDatabaseUrl
      ? []
      : ['', `The worker needs the panel's own database URL: add DATABASE_URL to ${env.worker} (or render again with --panel-database-url).`]),
    '',
    'After rendering again, reload (Dovecot first: Postfix keeps its SASL connection to the old auth process):',
    `  doveadm -c ${sh(dovecot)} reload`,
    `  postfix -c ${sh(postfix)} reload`,
    ...(settings.webmail ? [`  nginx -c ${sh(nginxConfigFile(settings.outDir))} -s reload`, '  kill -USR2 "$(cat ' + sh(`${settings.stateDir}/php-fpm/php-fpm.pid`) + ')"'] : []),
    '',
    ...(settings.rspamd
      ? ['rspamd rereads its configuration on SIGHUP (kill -HUP the pid in its pid file), and the DKIM keys by itself.', '']
      : []),
    'Stop:',
    `  postfix -c ${sh(postfix)} stop`,
    `  doveadm -c ${sh(dovecot)} stop`,
    ...(settings.webmail ? [`  nginx -c ${sh(nginxConfigFile(settings.outDir))} -s quit`, '  kill -QUIT "$(cat ' + sh(`${settings.stateDir}/php-fpm/php-fpm.pid`) + ')"'] : []),
    '  and SIGTERM to rspamd, the policy service and the worker (all stop cleanly).',
  ].join('\n');
}

main();
