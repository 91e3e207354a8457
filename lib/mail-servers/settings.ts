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
  /** No auth-failure delay or penalty (tests only). */
  testing?: boolean;
  /** Tells this Dovecot apart from another on the same host (doveadm -i, log prefix). */
  instanceName: string;
};
