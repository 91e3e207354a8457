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
