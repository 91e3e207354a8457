import { DEFAULT_PORTS, type MailServerSettings } from '@/lib/mail-servers/settings';
import type { renderMailConfig } from '@/lib/mail-servers/render-config';

// The mail servers' settings the renderer tests start from (lib/mail-servers/*.test.ts): one host, the
// default ports, the Debian-style directories. A test adds what it is about (webmail, rspamd, SRS…).
export const MAIL_SERVER_SETTINGS: MailServerSettings = {
  database: { host: '127.0.0.1', port: 5432, name: 'mailpanel', user: 'mailpanel_mail', password: 'S3cret-password_value' },
  hostname: 'mail.example.com',
  listen: '*',
  ports: DEFAULT_PORTS,
  outDir: '/etc/mailpanel-mail',
  stateDir: '/var/lib/mailpanel-mail',
  logDir: '/var/log/mailpanel-mail',
  mailRoot: '/var/vmail',
  mailUser: { name: 'vmail', uid: 5000, group: 'vmail', gid: 5000 },
  instanceName: 'mailpanel',
};

/** The rendered file at `path` (relative to the output directory); a test fails when there is none. */
export function renderedFile(files: ReturnType<typeof renderMailConfig>, path: string) {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path}`);
  return found;
}
