import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { translate } from '@/lib/i18n/translate';
import { LANGUAGES, MAX_FORWARDS } from '@/lib/mail/services';
import { dovecotConnectString, postfixHosts, type MailDatabase } from './database-url';
import { dovecotConfDir, nginxConfigFile, phpFpmConfigFile, phpFpmSocket, postfixConfDir, roundcubeConfDir, roundcubePluginsLinkDir, runtimeDirs } from './layout';
import { dovecotListen, postfixInterfaces, postfixProtocols } from './listen';
import type { MailServerSettings } from './settings';
import { messageSizeValues } from './message-size';
import { POSTSRSD_DEFAULT_FILE, postsrsdDefaults, SRS_QUERIES, srsValues } from './srs';
import { renderRspamdFiles } from './rspamd';
import { renderTemplate, type TemplateValues } from './template';
import { implicitTlsValues } from './tls';

export type RenderedFile = {
  /** Relative to the output directory. */
  path: string;
  content: string;
  /** Holds the database password: readable by root and `group` only. */
  secret: boolean;
  /** The group of the server that reads it (root: a file without secrets, readable by all; www-data: php-fpm and nginx, for the webmail). */
  group: 'dovecot' | 'postfix' | 'root' | 'www-data';
};

const templatesDir = path.join(process.cwd(), 'lib', 'mail-servers', 'templates');

function template(name: string): string {
  return fs.readFileSync(path.join(templatesDir, name), 'utf8');
}

// Postfix's lookups: %s is the address or domain asked about, quoted by Postfix for SQL.

/** The address asked about, moved from an alias domain to the domain it stands for (NULL for any other). */
const AT_DOMAIN = `(SELECT split_part(lower('%s'), '@', 1) || '@' || domain FROM mail.alias_domains WHERE name = split_part(lower('%s'), '@', 2))`;

const POSTFIX_QUERIES = {
  'pgsql-domains.cf': `SELECT name FROM mail.domains WHERE name = lower('%s')`,
  // Alias domains (virtual_alias_domains): every address there must be answered by the next map.
  'pgsql-alias-domains.cf': `SELECT name FROM mail.alias_domains WHERE name = lower('%s')`,
  'pgsql-mailboxes.cf': `SELECT address FROM mail.mailboxes WHERE address = lower('%s')`,
  'pgsql-forwards.cf': `SELECT destination FROM mail.forwards WHERE address = lower('%s')`,
  // Aliases, resolved to their final destinations (mail.aliases follows chains and drops loops). This and the
  // sender logins go through functions that keep their plan (migration 0027): planning the views each time
  // cost more than reading them.
  'pgsql-aliases.cf': `SELECT mail.alias_destinations(lower('%s'))`,
  // user@<alias domain> → user@<domain>, for the domain's receiving addresses only (%u, %d: the address's
  // parts; Postfix asks nothing for a key without both, such as "@domain").
  'pgsql-alias-domain-addresses.cf': `SELECT destination FROM mail.alias_domain_addresses WHERE domain = lower('%d') AND local_part = lower('%u')`,
  // Last of the virtual aliases: "@domain" → the domain's catch-all account, and each account of such a domain to itself.
  'pgsql-catch-all.cf': `SELECT destination FROM mail.catch_all WHERE address = lower('%s')`,
  // A domain with plus-addressing off: user+tag@ is refused at RCPT like an unknown address, unless an
  // account or alias has exactly that address. Postfix asks with the full address first.
  'pgsql-plus-refused.cf': `SELECT '550 5.1.1 User unknown' FROM mail.plus_addressing_off WHERE name = split_part(lower('%s'), '@', 2) AND strpos(split_part(lower('%s'), '@', 1), '+') > 0 AND NOT EXISTS (SELECT 1 FROM mail.mailboxes WHERE address = lower('%s')) AND NOT EXISTS (SELECT 1 FROM mail.aliases WHERE address = lower('%s'))`,
  // Asked about the address as sent, before the virtual aliases rewrite it: an address at an alias domain
  // is looked up as the same address at its domain too (AT_DOMAIN), so a reject-all or disabled account
  // refuses mail there as well. (Not the quota check: Dovecot's quota-status knows only the account's own
  // address and answers DUNNO for another, so a full mailbox refuses at delivery instead.)
  'pgsql-recipient-access.cf': `SELECT action FROM mail.recipient_access WHERE address IN (lower('%s'), ${AT_DOMAIN})`,
  // The restriction class that asks Dovecot's quota-status, for addresses that store mail only.
  'pgsql-quota-checked.cf': `SELECT 'mailpanel_quota' FROM mail.quota_checked WHERE address = lower('%s')`,
  // Who may use an address as sender on the submission port (reject_sender_login_mismatch): the account
  // itself, and the accounts an alias's send-as grants name while they receive through it (mail.send_as).
  'pgsql-sender-login.cf': `SELECT mail.sender_logins_of(lower('%s'))`,
} as const;

/** The Dovecot and Postfix configuration for `settings`: dovecot/* and postfix/* under the output directory. */
export function renderMailConfig(settings: MailServerSettings): RenderedFile[] {
  const dirs = runtimeDirs(settings.stateDir);
  const values: TemplateValues = {
    generatedNote: 'do not edit: edit the template in lib/mail-servers/templates and render again',
    instanceName: settings.instanceName,
    hostname: settings.hostname,
    listen: dovecotListen(settings.listen),
    postfixInterfaces: postfixInterfaces(settings.listen),
    postfixProtocols: postfixProtocols(settings.listen),
    dovecotConfDir: dovecotConfDir(settings.outDir),
    postfixConfDir: postfixConfDir(settings.outDir),
    dovecotRunDir: dirs.dovecotRun,
    dovecotStateDir: dirs.dovecotState,
    postfixQueueDir: dirs.postfixQueue,
    postfixDataDir: dirs.postfixData,
    logDir: settings.logDir,
    mailRoot: settings.mailRoot,
    mailUser: settings.mailUser.name,
    mailGroup: settings.mailUser.group,
    mailUid: settings.mailUser.uid,
    mailGid: settings.mailUser.gid,
    tls: Boolean(settings.tls),
    tlsCert: settings.tls?.cert,
    tlsKey: settings.tls?.key,
    testing: Boolean(settings.testing),
    dovecotConnect: dovecotConnectString(settings.database),
    postfixHosts: postfixHosts(settings.database),
    dbUser: settings.database.user,
    dbPassword: settings.database.password,
    dbName: settings.database.name,
    imapPort: settings.ports.imap,
    pop3Port: settings.ports.pop3,
    smtpPort: settings.ports.smtp,
    submissionPort: settings.ports.submission,
    lmtpPort: settings.ports.lmtp,
    authPort: settings.ports.auth,
    quotaStatusPort: settings.ports.quotaStatus,
    policyPort: settings.ports.policy,
    webmailImapPort: settings.ports.webmailImap,
    webmailSubmissionPort: settings.ports.webmailSubmission,
    maxForwards: MAX_FORWARDS,
    ...implicitTlsValues(settings),
    ...srsValues(settings),
    ...messageSizeValues(),
  };
  // The read-only lookups may go to a replica; everything that writes stays on the primary.
  const lookups = settings.lookupDatabase ?? settings.database;
  const lookupValues: TemplateValues = {
    dovecotConnect: dovecotConnectString(lookups),
    postfixHosts: postfixHosts(lookups),
    dbUser: lookups.user,
    dbPassword: lookups.password,
    dbName: lookups.name,
  };
  // The rendered files keep only the line breaks that separate settings.
  const render = (name: string, extra: TemplateValues = {}) =>
    renderTemplate(template(name), { ...values, ...extra }).replace(/\n{3,}/g, '\n\n');

  // rspamd's files and the milter lines main.cf ends with (./rspamd.ts), when it is part of the host.
  const rspamd = settings.rspamd ? renderRspamdFiles({ ...settings, rspamd: settings.rspamd }, render) : { files: [], postfixMain: '' };

  return [
    { path: 'dovecot/dovecot.conf', content: render('dovecot.conf.tmpl'), secret: false, group: 'dovecot' },
    { path: 'dovecot/dovecot-sql.conf.ext', content: render('dovecot-sql.conf.ext.tmpl', lookupValues), secret: true, group: 'dovecot' },
    { path: 'dovecot/dovecot-sql-record.conf.ext', content: render('dovecot-sql-record.conf.ext.tmpl'), secret: true, group: 'dovecot' },
    { path: 'dovecot/dovecot-dict-sql.conf.ext', content: render('dovecot-dict-sql.conf.ext.tmpl'), secret: true, group: 'dovecot' },
    { path: 'postfix/main.cf', content: render('postfix-main.cf.tmpl') + rspamd.postfixMain, secret: false, group: 'postfix' },
    { path: 'postfix/master.cf', content: render('postfix-master.cf.tmpl'), secret: false, group: 'postfix' },
    ...(settings.srs ? [{ path: POSTSRSD_DEFAULT_FILE, content: postsrsdDefaults(settings, settings.srs), secret: false, group: 'postfix' as const }] : []),
    ...Object.entries({ ...POSTFIX_QUERIES, ...(settings.srs ? SRS_QUERIES : {}) }).map(([file, query]) => ({
      path: `postfix/${file}`,
      content: render('postfix-pgsql.cf.tmpl', { ...lookupValues, query }),
      secret: true,
      group: 'postfix' as const,
    })),
    ...rspamd.files,
    ...renderWebmail(settings, render),
  ];
}

/** A PDO data source name for PostgreSQL (host may be a socket directory). */
function pdoDsn(db: MailDatabase): string {
  return `pgsql:host=${db.host};port=${db.port};dbname=${db.name}`;
}

/** Roundcube's own DSN: user and password in the URL, as Roundcube's parser takes them. */
function roundcubeDsn(db: MailDatabase): string {
  const host = db.host.startsWith('/') ? `unix(${db.host}:${db.port})` : db.host.includes(':') ? `[${db.host}]:${db.port}` : `${db.host}:${db.port}`;
  return `pgsql://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${host}/${db.name}`;
}

/** A PHP string literal (single quotes: only the quote and the backslash are special). */
function phpString(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Roundcube's language names for the panel's languages. */
const ROUNDCUBE_LANGUAGES = { en: 'en_US', it: 'it_IT' } as const;

/**
 * What the plugin says, in each of the panel's languages, from the panel's catalogues (lib/i18n/messages):
 * a PHP array keyed by Roundcube's language name.
 */
function pluginTexts(panelUrl: string): string {
  const entries = LANGUAGES.map((language) => {
    const texts = {
      loginrefused: translate(language, 'webmail.loginRefused', { url: panelUrl }),
      companyaddressbook: translate(language, 'webmail.companyAddressBook'),
    };
    const pairs = Object.entries(texts).map(([key, text]) => `${phpString(key)} => ${phpString(text)}`);
    return `  ${phpString(ROUNDCUBE_LANGUAGES[language])} => [${pairs.join(', ')}],`;
  });
  return `[\n${entries.join('\n')}\n]`;
}

/**
 * Roundcube's configuration, nginx's site and php-fpm's pool, when the settings name Roundcube's database.
 * The session key is derived from Roundcube's database password, so rendering again keeps sessions valid.
 */
function renderWebmail(settings: MailServerSettings, render: (name: string, extra?: TemplateValues) => string): RenderedFile[] {
  const webmail = settings.webmail;
  if (!webmail) return [];
  const dirs = runtimeDirs(settings.stateDir);
  const desKey = createHash('sha256').update(`mailpanel roundcube des_key:${webmail.database.password}`).digest('base64').slice(0, 24);
  const tls = settings.tls ? 'tls://' : '';
  const extra: TemplateValues = {
    runAsRoot: process.getuid?.() === 0,
    roundcubeDsn: roundcubeDsn(webmail.database),
    roundcubeImapHost: `${tls}127.0.0.1:${settings.ports.webmailImap}`,
    roundcubeSmtpHost: `${tls}127.0.0.1:${settings.ports.webmailSubmission}`,
    roundcubeDesKey: desKey,
    roundcubeTempDir: dirs.roundcubeTemp,
    roundcubeConfDir: roundcubeConfDir(settings.outDir),
    roundcubePluginsDir: roundcubePluginsLinkDir(settings.outDir),
    mailpanelDsn: pdoDsn(settings.database),
    panelUrl: webmail.panelUrl,
    panelApiUrl: webmail.panelApiUrl ?? webmail.panelUrl,
    mailpanelTexts: pluginTexts(webmail.panelUrl),
    nginxConfigFile: nginxConfigFile(settings.outDir),
    nginxStateDir: dirs.nginx,
    phpFpmConfigFile: phpFpmConfigFile(settings.outDir),
    phpFpmStateDir: dirs.phpFpm,
    phpFpmSocket: phpFpmSocket(settings.stateDir),
    webmailHttpListen: webmail.httpListen.includes(':') ? `[${webmail.httpListen}]` : webmail.httpListen,
    webmailHttpPort: webmail.httpPort,
  };
  return [
    { path: 'roundcube/config.inc.php', content: render('roundcube-config.inc.php.tmpl', extra), secret: true, group: 'www-data' },
    { path: 'roundcube/defaults.inc.php', content: render('roundcube-defaults.inc.php.tmpl', extra), secret: false, group: 'www-data' },
    { path: 'roundcube/prepend.php', content: render('roundcube-prepend.php.tmpl', extra), secret: false, group: 'www-data' },
    { path: 'nginx/nginx.conf', content: render('nginx.conf.tmpl', extra), secret: false, group: 'www-data' },
    { path: 'php-fpm/php-fpm.conf', content: render('php-fpm.conf.tmpl', extra), secret: false, group: 'www-data' },
  ];
}
