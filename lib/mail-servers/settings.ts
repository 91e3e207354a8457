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
  /** Implicit TLS (the connection starts encrypted), only with a certificate: IMAPS, POP3S, submissions (RFC 8314). */
  imaps: number;
  pop3s: number;
  submissions: number;
  /** Loopback only: Postfix → postsrsd's forward (sender) and reverse (recipient) lookup tables. */
  srsForward: number;
  srsReverse: number;
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
  imaps: 993,
  pop3s: 995,
  submissions: 465,
  srsForward: 10001,
  srsReverse: 10002,
  webmailImap: 10143,
  webmailSubmission: 10587,
};

/**
 * SRS for forwarded mail (postsrsd): the envelope sender of mail from other domains becomes an address of
 * `domain` (SRS0=hash=time=origin=user@domain), which Postfix accepts back and turns into the original.
 */
export type SrsSettings = {
  /** The domain of the rewritten senders: the mail host's name by default; never a hosted domain. */
  domain: string;
  /** postsrsd's secret (Debian's package makes /etc/postsrsd.secret). */
  secretFile: string;
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
  /**
   * Where Roundcube reaches the panel's API for password changes (POST /api/v1/webmail/password); default
   * panelUrl. Roundcube's host must be in the panel's TRUSTED_PROXIES for the person's address to count.
   */
  panelApiUrl?: string;
  /** The project checkout whose mail/roundcube/plugins php-fpm loads. */
  pluginsDir: string;
};

/** Everything `npm run mail:config` needs to render the Dovecot and Postfix configuration. */
export type MailServerSettings = {
  database: MailDatabase;
  /**
   * Where the lookups read, e.g. a streaming replica of the panel's database (docs/scaling.md): Dovecot's
   * passdb/userdb and Postfix's maps. The writes (last login, usage, mail.record_login) and Sieve's
   * dictionary stay on `database`, as does the policy service (it must read its own counts). Default: `database`.
   */
  lookupDatabase?: MailDatabase;
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
  /** Off: no rewriting (postsrsd not used). */
  srs?: SrsSettings;
  /** No auth-failure delay or penalty (tests only). */
  testing?: boolean;
  /** Tells this Dovecot apart from another on the same host (doveadm -i, log prefix). */
  instanceName: string;
  /** rspamd as Postfix's milter (DKIM signing, SPF/DKIM/DMARC verdicts, spam score): see ./rspamd.ts. */
  rspamd?: RspamdSettings;
  /** Roundcube, nginx and php-fpm; without it no webmail files are rendered. */
  webmail?: WebmailSettings;
};

export const DEFAULT_MILTER_PORT = 11332;
export const DEFAULT_DKIM_KEY_DIR = '/var/lib/rspamd/dkim';
/** Debian's rspamd package runs as this user. */
export const RSPAMD_USER = '_rspamd';

export type RspamdSettings = {
  /** Loopback port of rspamd's proxy worker in milter mode (Postfix's smtpd_milters). */
  milterPort: number;
  /** Where the worker writes the DKIM keys and the selector map (its DKIM_KEY_DIR). */
  dkimKeyDir: string;
  /**
   * Who writes there: the worker's system user (the systemd unit's, non-root), or root (the default). The
   * folder becomes this user's, group rspamd's, mode 2750 (./rspamd.ts, prepareRspamdDirs).
   */
  dkimKeyOwner?: string;
  /** DNS servers rspamd asks ("127.0.0.1:5353", "192.0.2.53"); none: the system's (/etc/resolv.conf). */
  dnsServers: string[];
};
