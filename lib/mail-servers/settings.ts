import type { MailDatabase } from './database-url';
import type { Listen } from './listen';

export type MailPorts = {
  imap: number;
  pop3: number;
  /** Incoming mail (MX). */
  smtp: number;
  /** Mail clients sending, with SMTP AUTH. */
  submission: number;
  /** Loopback only: Postfix → Dovecot delivery, Postfix → Dovecot SASL, Postfix → quota-status, Postfix → policy. */
  lmtp: number;
  auth: number;
  quotaStatus: number;
  policy: number;
  /** Loopback only: Roundcube's IMAP logins (Dovecot tells them apart by this port: the Webmail switch). */
  webmailImap: number;
  /** Loopback only: Roundcube's SMTP AUTH (Postfix asks Dovecot as service "webmail"). */
  webmailSubmission: number;
};

export const DEFAULT_PORTS: MailPorts = {
  imap: 143,
  pop3: 110,
  smtp: 25,
  submission: 587,
  lmtp: 24,
  auth: 12345,
  quotaStatus: 12340,
  policy: 12341,
  webmailImap: 10143,
  webmailSubmission: 10587,
};

/** Roundcube (webmail) behind nginx and php-fpm: rendered only when its database is given. */
export type WebmailSettings = {
  /** Roundcube's own database (its users, sessions, contacts), on the same PostgreSQL server. */
  database: MailDatabase;
  /** Where nginx listens for the webmail (an address, usually 127.0.0.1 behind the site's TLS proxy). */
  httpListen: string;
  httpPort: number;
  /** The panel's public address, named in Roundcube's messages ("sign in to the panel …"). */
  panelUrl: string;
  /** The project checkout whose mail/roundcube/plugins php-fpm loads. */
  pluginsDir: string;
};

/** Everything `npm run mail:config` needs to render the Dovecot and Postfix configuration. */
export type MailServerSettings = {
  database: MailDatabase;
  hostname: string;
  /** Where IMAP, POP3, SMTP and submission listen: these addresses, or '*' for every interface. */
  listen: Listen;
  ports: MailPorts;
  /** The rendered files: OUT/dovecot/*, OUT/postfix/*. */
  outDir: string;
  /** Runtime state: Dovecot's sockets and state, Postfix's queue and data. */
  stateDir: string;
  logDir: string;
  /** Where the mailboxes live: MAIL_ROOT/<domain>/<local part>/Maildir. */
  mailRoot: string;
  /** The system user owning the mailboxes (e.g. vmail). */
  mailUser: { name: string; uid: number; group: string; gid: number };
  tls?: { cert: string; key: string };
  /** No auth-failure delay or penalty (tests only). */
  testing?: boolean;
  /** Tells this Dovecot apart from another on the same host (doveadm -i, log prefix). */
  instanceName: string;
  /** Roundcube, nginx and php-fpm; without it no webmail files are rendered. */
  webmail?: WebmailSettings;
};
