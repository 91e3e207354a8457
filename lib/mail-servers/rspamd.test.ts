import { describe, expect, it } from 'vitest';
import { MAIL_SERVER_SETTINGS, renderedFile } from '@/tests/unit/support/mail-server-settings';
import { SELECTOR_MAP } from '@/lib/dkim/render-keys';
import { renderMailConfig } from './render-config';
import { parseDnsServers, rspamdCommand } from './rspamd';
import type { MailServerSettings } from './settings';

const base = MAIL_SERVER_SETTINGS;
const settings: MailServerSettings = { ...base, rspamd: { milterPort: 11332, dkimKeyDir: '/var/lib/rspamd/dkim', dnsServers: ['127.0.0.1:53'] } };

const content = (files: ReturnType<typeof renderMailConfig>, name: string) => renderedFile(files, name).content;

describe('rspamd in the rendered configuration', () => {
  it('renders its own instance (Debian defaults, mailpanel local.d) and no secret in it', () => {
    const files = renderMailConfig(settings).filter((f) => f.path.startsWith('rspamd/'));
    expect(files.map((f) => f.path).sort()).toEqual([
      'rspamd/local.d/dkim_signing.conf',
      'rspamd/local.d/dmarc.conf',
      'rspamd/local.d/milter_headers.conf',
      'rspamd/local.d/options.inc',
      'rspamd/local.d/worker-proxy.inc',
      'rspamd/rspamd.conf',
    ]);
    for (const f of files) {
      expect(f.secret, f.path).toBe(false);
      expect(f.content, f.path).not.toContain(settings.database.password);
      expect(f.content, f.path).not.toMatch(/\{\{|\}\}/);
    }
    const top = content(files, 'rspamd/rspamd.conf');
    expect(top).toContain('.include "$CONFDIR/common.conf"');
    expect(top).toContain('bind_socket = "127.0.0.1:11332";');
    expect(top).toContain('pidfile = "/var/lib/mailpanel-mail/rspamd/rspamd.pid";');
    expect(top).toContain('filename = "/var/log/mailpanel-mail/rspamd/rspamd.log";');
    // Only the milter proxy listens: no separate scanner, no controller.
    expect(top.match(/^worker /gm)).toEqual(['worker ']);
    expect(content(files, 'rspamd/local.d/worker-proxy.inc')).toMatch(/milter = yes;[\s\S]*upstream "local" \{\s*default = yes;\s*self_scan = yes;\s*\}/);
    expect(content(files, 'rspamd/local.d/options.inc')).toContain('nameserver = ["127.0.0.1:53"];');
  });

  it("signs with the files the worker's dkim-sync job writes (lib/dkim/render-keys.ts)", () => {
    const signing = content(renderMailConfig(settings), 'rspamd/local.d/dkim_signing.conf');
    // render-keys writes <domain>.<selector>.key and the selector map under DKIM_KEY_DIR.
    expect(signing).toContain('path = "/var/lib/rspamd/dkim/$domain.$selector.key";');
    expect(signing).toContain(`selector_map = "/var/lib/rspamd/dkim/${SELECTOR_MAP}";`);
    expect(signing).toContain('try_fallback = false;');
    expect(signing).toContain('use_esld = false;');
    expect(signing).toContain('sign_authenticated = true;');
  });

  it('marks spam with the header the Sieve scripts file in Junk, and follows DMARC policies', () => {
    const files = renderMailConfig(settings);
    expect(content(files, 'rspamd/local.d/milter_headers.conf')).toMatch(/use = \[[^\]]*"authentication-results"[^\]]*"x-spam-status"/);
    // What mail.sieve_scripts files in Junk: header :contains "X-Spam-Flag" "YES" (case-insensitive).
    expect(content(files, 'rspamd/local.d/worker-proxy.inc')).toContain('spam_header = "X-Spam-Flag";');
    expect(content(files, 'rspamd/local.d/dmarc.conf')).toMatch(/reject = "reject";\s*quarantine = "add header";/);
  });

  it("ends Postfix's main.cf with the milter, and passes mail on while rspamd is down", () => {
    const main = content(renderMailConfig(settings), 'postfix/main.cf');
    expect(main).toContain('smtpd_milters = inet:127.0.0.1:11332');
    expect(main).toContain('non_smtpd_milters = $smtpd_milters');
    expect(main).toContain('milter_default_action = accept');
    expect(main).not.toContain('xclient');
    expect(main.trimEnd().split('\n').at(-1)).toBe('milter_default_action = accept');
  });

  it('turns on test patterns, fast map checks and XCLIENT only for test suites', () => {
    const production = renderMailConfig(settings);
    expect(content(production, 'rspamd/local.d/options.inc')).not.toContain('enable_test_patterns');
    const testing = renderMailConfig({ ...settings, testing: true });
    expect(content(testing, 'rspamd/local.d/options.inc')).toContain('enable_test_patterns = true;');
    expect(content(testing, 'rspamd/local.d/options.inc')).toContain('map_watch_interval = 5s;');
    expect(content(testing, 'postfix/main.cf')).toContain('smtpd_authorized_xclient_hosts = 127.0.0.1');
  });

  it('leaves the system resolver alone when none is given, and renders nothing of rspamd without it', () => {
    const files = renderMailConfig({ ...settings, rspamd: { ...settings.rspamd!, dnsServers: [] } });
    expect(content(files, 'rspamd/local.d/options.inc')).not.toContain('nameserver');
    const without = renderMailConfig(base);
    expect(without.some((f) => f.path.startsWith('rspamd/'))).toBe(false);
    expect(content(without, 'postfix/main.cf')).not.toContain('milter');
  });

  it('starts with LOCAL_CONFDIR and DBDIR of its own, as the rspamd user', () => {
    expect(rspamdCommand(settings, { foreground: true })).toEqual([
      'rspamd',
      '-f',
      '-c',
      '/etc/mailpanel-mail/rspamd/rspamd.conf',
      '-u',
      '_rspamd',
      '-g',
      '_rspamd',
      '--var=LOCAL_CONFDIR=/etc/mailpanel-mail/rspamd',
      '--var=DBDIR=/var/lib/mailpanel-mail/rspamd',
    ]);
  });

  it('takes resolver addresses, with a port or not, and refuses anything else', () => {
    expect(parseDnsServers('127.0.0.1:5353, 9.9.9.9')).toEqual(['127.0.0.1:5353', '9.9.9.9']);
    expect(parseDnsServers('')).toEqual([]);
    expect(() => parseDnsServers('resolver.example')).toThrow(/not a resolver address/);
    expect(() => parseDnsServers('"; evil = 1')).toThrow(/not a resolver address/);
  });
});
