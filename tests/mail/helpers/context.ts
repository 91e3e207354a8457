import type { MailPorts } from '@/lib/mail-servers/settings';

/** What tests/mail/global-setup.ts started, handed to the test files through vitest's provide/inject. */
export type MailServers = {
  /** The test database, as its owner (the panel's own connection). */
  databaseUrl: string;
  /** The same database as the mail servers' restricted role. */
  mailDatabaseUrl: string;
  mailRole: string;
  ports: MailPorts;
  dovecotConfig: string;
  postfixConfDir: string;
  mailRoot: string;
  /** The worker's MAIL_HOME for this layout. */
  mailHomeTemplate: string;
  logDir: string;
  /** Where the SMTP sink (mail "elsewhere", helpers/smtp-sink.ts) writes what it receives. */
  sinkDir: string;
  /** The SRS domain when postsrsd runs (it is installed); undefined: the SRS tests are skipped. */
  srsDomain: string | undefined;
  /**
   * rspamd's part of the rendered configuration (Postfix's milter points at milterPort; rspamd asks the DNS
   * server at dnsPort): the test files that need rspamd start it and that DNS server (helpers/rspamd.ts).
   * Null when rspamd is not installed here.
   */
  rspamd: { milterPort: number; dnsPort: number; dkimKeyDir: string; command: string[]; logDir: string } | null;
  /** Roundcube behind nginx and php-fpm; undefined when their packages are not installed. */
  webmail?: { url: string; panelUrl: string; /** Where Roundcube's password driver calls the panel (served by helpers/panel-api.ts). */ panelApiPort: number };
};

declare module 'vitest' {
  export interface ProvidedContext {
    mailServers: MailServers;
  }
}
