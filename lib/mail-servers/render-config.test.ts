import { describe, expect, it } from 'vitest';
import { parseListen } from './listen';
import { renderMailConfig } from './render-config';
import { DEFAULT_PORTS, type MailServerSettings } from './settings';

const settings: MailServerSettings = {
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

const file = (files: ReturnType<typeof renderMailConfig>, name: string) => {
  const found = files.find((f) => f.path === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe('renderMailConfig', () => {
  it('renders every Dovecot and Postfix file, with the password only in the files marked secret', () => {
    const files = renderMailConfig(settings);
    expect(files.map((f) => f.path).sort()).toEqual([
      'dovecot/dovecot-dict-sql.conf.ext',
      'dovecot/dovecot-sql-record.conf.ext',
      'dovecot/dovecot-sql.conf.ext',
      'dovecot/dovecot.conf',
      'postfix/main.cf',
      'postfix/master.cf',
      'postfix/pgsql-alias-domain-addresses.cf',
      'postfix/pgsql-alias-domains.cf',
      'postfix/pgsql-aliases.cf',
      'postfix/pgsql-catch-all.cf',
      'postfix/pgsql-domains.cf',
      'postfix/pgsql-forwards.cf',
      'postfix/pgsql-mailboxes.cf',
      'postfix/pgsql-plus-refused.cf',
      'postfix/pgsql-quota-checked.cf',
      'postfix/pgsql-recipient-access.cf',
      'postfix/pgsql-sender-login.cf',
    ]);
    for (const f of files) {
      expect(f.content, f.path).not.toMatch(/\{\{|\}\}/);
      expect(f.content.includes(settings.database.password), f.path).toBe(f.secret);
    }
  });

  it('points every lookup at the views of schema "mail" and the servers at each other\'s ports', () => {
    const files = renderMailConfig(settings);
    const sql = file(files, 'dovecot/dovecot-sql.conf.ext').content;
    expect(sql).toContain('FROM mail.passdb');
    expect(sql).toContain("'%Ls'");
    expect(sql).toContain("SELECT '/var/vmail/' || home AS home, quota_rule");
    expect(file(files, 'postfix/pgsql-recipient-access.cf').content).toContain('query = SELECT action FROM mail.recipient_access');
    const main = file(files, 'postfix/main.cf').content;
    expect(main).toContain('virtual_transport = lmtp:inet:127.0.0.1:24');
    expect(main).toContain('smtpd_sasl_path = inet:127.0.0.1:12345');
    expect(main).toContain('check_policy_service inet:127.0.0.1:12341');
    // Room in the mailbox is asked about only for addresses that store mail (not those forwarding without a copy).
    expect(main).toContain('mailpanel_quota = check_policy_service inet:127.0.0.1:12340');
    expect(main).toMatch(/^ {2}check_recipient_access proxy:pgsql:\/etc\/mailpanel-mail\/postfix\/pgsql-quota-checked\.cf$/m);
    expect(file(files, 'postfix/pgsql-quota-checked.cf').content).toContain("query = SELECT 'mailpanel_quota' FROM mail.quota_checked");
    expect(main).toContain('smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:12341');
    expect(main).toContain('inet_interfaces = all');
    const master = file(files, 'postfix/master.cf').content;
    expect(master).toMatch(/^25 inet n - n - - smtpd$/m);
    expect(master).toMatch(/^587 inet n - n - - smtpd$/m);
    const dovecot = file(files, 'dovecot/dovecot.conf').content;
    expect(dovecot).toContain('first_valid_uid = 5000');
    expect(dovecot).toContain('submission_host = 127.0.0.1:25');
    // A Sieve script that forwards (no copy kept, an autoresponder on) redirects to every target, and
    // such an address is accepted by LMTP however full its mailbox (Postfix asked about room before).
    expect(dovecot).toContain('sieve_max_redirects = 20');
    expect(dovecot).toContain('lmtp_rcpt_check_quota = no');
  });

  it('encrypts when given a certificate, and relaxes login penalties only for tests', () => {
    const plain = renderMailConfig(settings);
    expect(file(plain, 'dovecot/dovecot.conf').content).toContain('ssl = no');
    expect(file(plain, 'dovecot/dovecot.conf').content).not.toContain('auth_failure_delay');

    const tls = renderMailConfig({ ...settings, tls: { cert: '/etc/ssl/mail.pem', key: '/etc/ssl/mail.key' }, listen: ['192.0.2.7'] });
    const dovecot = file(tls, 'dovecot/dovecot.conf').content;
    expect(dovecot).toContain('ssl = required');
    expect(dovecot).toContain('ssl_cert = </etc/ssl/mail.pem');
    expect(file(tls, 'postfix/main.cf').content).toContain('smtpd_tls_auth_only = yes');
    expect(file(tls, 'postfix/master.cf').content).toMatch(/^587 inet n - n - - smtpd\n(?: {2}-o .*\n)*? {2}-o smtpd_tls_security_level=encrypt$/m);
    expect(file(tls, 'postfix/main.cf').content).toContain('inet_interfaces = 192.0.2.7, 127.0.0.1\ninet_protocols = ipv4\n');
    expect(dovecot).toContain('listen = 192.0.2.7\n');

    const testing = renderMailConfig({ ...settings, testing: true });
    expect(file(testing, 'dovecot/dovecot.conf').content).toContain('auth_failure_delay = 0');
    expect(file(testing, 'dovecot/dovecot.conf').content).toContain('anvil-auth-penalty');
    expect(file(testing, 'postfix/main.cf').content).toContain('smtpd_error_sleep_time = 0');
    expect(file(plain, 'postfix/main.cf').content).not.toContain('smtpd_error_sleep_time');
  });
});

describe('--listen', () => {
  it('takes several addresses, IPv4 and IPv6 together; both servers listen on each (Postfix on 127.0.0.1 too)', () => {
    const both = renderMailConfig({ ...settings, listen: parseListen('127.0.0.1, ::1') });
    expect(file(both, 'dovecot/dovecot.conf').content).toContain('listen = 127.0.0.1, ::1\n');
    expect(file(both, 'postfix/main.cf').content).toContain('inet_interfaces = 127.0.0.1, ::1\ninet_protocols = all\n');
    const v6 = renderMailConfig({ ...settings, listen: parseListen('[2001:db8::7]') });
    expect(file(v6, 'postfix/main.cf').content).toContain('inet_interfaces = 2001:db8::7, 127.0.0.1\ninet_protocols = all\n');
    expect(file(v6, 'postfix/master.cf').content).not.toMatch(/^\S+:25 /m);
  });

  it('refuses what is not an address list, saying why', () => {
    expect(parseListen('*')).toBe('*');
    expect(parseListen('192.0.2.7,192.0.2.7')).toEqual(['192.0.2.7']);
    expect(() => parseListen('mail.example.com')).toThrow(/not an IP address/);
    expect(() => parseListen('0.0.0.0')).toThrow(/use \* instead/);
    expect(() => parseListen('::')).toThrow(/use \* instead/);
    expect(() => parseListen('*, ::1')).toThrow(/give it alone/);
    expect(() => parseListen(' , ')).toThrow(/needs \*/);
  });
});
