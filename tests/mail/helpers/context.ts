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
  /** Roundcube behind nginx and php-fpm; undefined when their packages are not installed. */
  webmail?: { url: string; panelUrl: string };
};

declare module 'vitest' {
  export interface ProvidedContext {
    mailServers: MailServers;
  }
}
