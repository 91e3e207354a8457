import fs from 'node:fs';

/** What the Debian packages install that mailpanel's mail servers use (see .ci/run and docs/mail-servers.md). */
export const MAIL_SERVER_FILES = [
  '/usr/sbin/dovecot',
  '/usr/bin/doveadm',
  '/usr/lib/dovecot/lmtp',
  '/usr/lib/dovecot/pop3',
  '/usr/lib/dovecot/imap',
  '/usr/lib/dovecot/modules/auth/libdriver_pgsql.so',
  '/usr/lib/dovecot/modules/lib90_sieve_plugin.so',
  '/usr/sbin/postfix',
  '/usr/lib/postfix/postfix-pgsql.so',
] as const;

export function mailServersInstalled(): boolean {
  return MAIL_SERVER_FILES.every((file) => fs.existsSync(file));
}

/** Debian's rspamd (the milter: DKIM signing, verdicts, spam score). */
export const RSPAMD_FILE = '/usr/bin/rspamd';

/** The webmail's Debian packages: roundcube, roundcube-pgsql, nginx, php-fpm (php-pgsql comes with roundcube-pgsql). */
export const WEBMAIL_FILES = [
  '/usr/share/roundcube/index.php',
  '/var/lib/roundcube/public_html/index.php',
  '/usr/share/roundcube/SQL/postgres.initial.sql',
  '/etc/roundcube/defaults.inc.php',
  // roundcube-plugins: the password plugin, which changes passwords through the panel.
  '/var/lib/roundcube/plugins/password/password.php',
  '/usr/sbin/nginx',
] as const;

/** Debian's php-fpm (its name carries PHP's version: php-fpm8.2 on Debian 12), or null. */
export function phpFpmBinary(): string | null {
  try {
    const name = fs.readdirSync('/usr/sbin').filter((file) => /^php-fpm\d+\.\d+$/.test(file)).sort().at(-1);
    return name ? `/usr/sbin/${name}` : null;
  } catch {
    return null;
  }
}

export function webmailInstalled(): boolean {
  return WEBMAIL_FILES.every((file) => fs.existsSync(file)) && phpFpmBinary() !== null;
}
