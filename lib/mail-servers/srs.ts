import fs from 'node:fs';
import type { MailServerSettings, SrsSettings } from './settings';
import type { TemplateValues } from './template';

// SRS with Debian's postsrsd 1.10: two TCP lookup tables on loopback (Postfix's tcp: maps), forward for the
// envelope sender, reverse for the envelope recipient. The Postfix side is in postfix-main.cf.tmpl ({{#srs}}).

export const POSTSRSD_BINARY = '/usr/sbin/postsrsd';
/** Rendered as Debian's /etc/default/postsrsd, which its systemd unit (postsrsd-systemd-launcher) reads. */
export const POSTSRSD_DEFAULT_FILE = 'postsrsd/default';

/** A host name for --srs-domain (it goes into main.cf and postsrsd's settings as it is). */
export function parseSrsDomain(text: string): string {
  const domain = text.trim().toLowerCase().replace(/\.$/, '');
  if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)) {
    throw new Error(`--srs-domain: "${text}" is not a domain name (e.g. mail.example.com).`);
  }
  return domain;
}

export function postsrsdInstalled(): boolean {
  return fs.existsSync(POSTSRSD_BINARY);
}

// A sender of a hosted domain is never rewritten: our host is in that domain's SPF record already, and its
// DKIM signature and DMARC alignment need the sender as it is. The first table of sender_canonical_maps
// answers such an address with itself, so Postfix does not ask postsrsd (the first table that answers wins).
export const SRS_QUERIES = {
  'pgsql-srs-hosted.cf': `SELECT '%s' FROM mail.domains WHERE name = lower('%d')`,
} as const;

export function srsValues(settings: MailServerSettings): TemplateValues {
  return {
    srs: Boolean(settings.srs),
    srsDomain: settings.srs?.domain,
    srsForwardPort: settings.ports.srsForward,
    srsReversePort: settings.ports.srsReverse,
  };
}

/** /etc/default/postsrsd for this configuration (the variables Debian's launcher passes to postsrsd). */
export function postsrsdDefaults(settings: MailServerSettings, srs: SrsSettings): string {
  return [
    '# postsrsd for mailpanel: rendered by `npm run mail:config` (do not edit: render again).',
    '# Install as /etc/default/postsrsd; Debian\'s unit (systemctl restart postsrsd) reads it.',
    `SRS_DOMAIN=${srs.domain}`,
    'SRS_EXCLUDE_DOMAINS=',
    'SRS_SEPARATOR==',
    `SRS_SECRET=${srs.secretFile}`,
    'SRS_HASHLENGTH=4',
    'SRS_HASHMIN=4',
    `SRS_FORWARD_PORT=${settings.ports.srsForward}`,
    `SRS_REVERSE_PORT=${settings.ports.srsReverse}`,
    'RUN_AS=postsrsd',
    'SRS_LISTEN_ADDR=127.0.0.1',
    'CHROOT=/var/lib/postsrsd',
    '',
  ].join('\n');
}

/** The command line that runs postsrsd for this configuration in the foreground (tests, other service managers). */
export function postsrsdCommand(settings: MailServerSettings, srs: SrsSettings, { user }: { user: string }): string[] {
  return [
    POSTSRSD_BINARY,
    `-d${srs.domain}`,
    `-s${srs.secretFile}`,
    `-f${settings.ports.srsForward}`,
    `-r${settings.ports.srsReverse}`,
    '-l127.0.0.1',
    `-u${user}`,
  ];
}
