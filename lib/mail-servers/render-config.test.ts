import { describe, expect, it } from 'vitest';
import { MAIL_SERVER_SETTINGS, renderedFile } from '@/tests/unit/support/mail-server-settings';
import { parseListen } from './listen';
import { renderMailConfig } from './render-config';
import { DEFAULT_PORTS } from './settings';

const settings = MAIL_SERVER_SETTINGS;

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

  it('sends the read-only lookups to the lookup database (a replica) and every write and Sieve to the primary', () => {
    const replica = { host: '10.0.0.9', port: 5433, name: 'mailpanel', user: 'mailpanel_mail', password: 'S3cret-password_value' };
    const files = renderMailConfig({ ...settings, lookupDatabase: replica });
    expect(renderedFile(files, 'dovecot/dovecot-sql.conf.ext').content).toContain('connect = host=10.0.0.9 port=5433 dbname=mailpanel user=mailpanel_mail');
    const postfixMaps = files.filter((f) => f.path.startsWith('postfix/pgsql-'));
    expect(postfixMaps).toHaveLength(11);
    for (const f of postfixMaps) expect(f.content, f.path).toContain('hosts = inet:10.0.0.9:5433');
    for (const name of ['dovecot/dovecot-sql-record.conf.ext', 'dovecot/dovecot-dict-sql.conf.ext']) {
      expect(renderedFile(files, name).content, name).toContain('connect = host=127.0.0.1 port=5432 dbname=mailpanel');
    }
    // Without one, the lookups read the primary like the rest.
    expect(renderedFile(renderMailConfig(settings), 'postfix/pgsql-mailboxes.cf').content).toContain('hosts = inet:127.0.0.1:5432');
  });

  it('points every lookup at the views of schema "mail" and the servers at each other\'s ports', () => {
    const files = renderMailConfig(settings);
    const sql = renderedFile(files, 'dovecot/dovecot-sql.conf.ext').content;
    expect(sql).toContain("FROM mail.passdb_lookup('%Lu',");
    // The views whose planning costs most are read through functions that keep their plan (migration 0027).
    expect(renderedFile(files, 'postfix/pgsql-aliases.cf').content).toContain("query = SELECT mail.alias_destinations(lower('%s'))");
    expect(renderedFile(files, 'postfix/pgsql-sender-login.cf').content).toContain("query = SELECT mail.sender_logins_of(lower('%s'))");
    expect(sql).toContain("'%Ls'");
    expect(sql).toContain("SELECT '/var/vmail/' || home AS home, quota_rule");
    expect(renderedFile(files, 'postfix/pgsql-recipient-access.cf').content).toContain('query = SELECT action FROM mail.recipient_access');
    const main = renderedFile(files, 'postfix/main.cf').content;
    expect(main).toContain('virtual_transport = lmtp:inet:127.0.0.1:24');
    expect(main).toContain('smtpd_sasl_path = inet:127.0.0.1:12345');
    expect(main).toContain('check_policy_service inet:127.0.0.1:12341');
    // Room in the mailbox is asked about only for addresses that store mail (not those forwarding without a copy).
    expect(main).toContain('mailpanel_quota = check_policy_service inet:127.0.0.1:12340');
    expect(main).toMatch(/^ {2}check_recipient_access proxy:pgsql:\/etc\/mailpanel-mail\/postfix\/pgsql-quota-checked\.cf$/m);
    expect(renderedFile(files, 'postfix/pgsql-quota-checked.cf').content).toContain("query = SELECT 'mailpanel_quota' FROM mail.quota_checked");
    expect(main).toContain('smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:12341');
    expect(main).toContain('inet_interfaces = all');
    const master = renderedFile(files, 'postfix/master.cf').content;
    expect(master).toMatch(/^25 inet n - n - - smtpd$/m);
    expect(master).toMatch(/^587 inet n - n - - smtpd$/m);
    const dovecot = renderedFile(files, 'dovecot/dovecot.conf').content;
    expect(dovecot).toContain('first_valid_uid = 5000');
    expect(dovecot).toContain('submission_host = 127.0.0.1:25');
    // A Sieve script that forwards (no copy kept, an autoresponder on) redirects to every target, and
    // such an address is accepted by LMTP however full its mailbox (Postfix asked about room before).
    expect(dovecot).toContain('sieve_max_redirects = 20');
    expect(dovecot).toContain('lmtp_rcpt_check_quota = no');
  });

  it('encrypts when given a certificate, and relaxes login penalties only for tests', () => {
    const plain = renderMailConfig(settings);
    expect(renderedFile(plain, 'dovecot/dovecot.conf').content).toContain('ssl = no');
    expect(renderedFile(plain, 'dovecot/dovecot.conf').content).not.toContain('auth_failure_delay');

    const tls = renderMailConfig({ ...settings, tls: { cert: '/etc/ssl/mail.pem', key: '/etc/ssl/mail.key' }, listen: ['192.0.2.7'] });
    const dovecot = renderedFile(tls, 'dovecot/dovecot.conf').content;
    expect(dovecot).toContain('ssl = required');
    expect(dovecot).toContain('ssl_cert = </etc/ssl/mail.pem');
    expect(renderedFile(tls, 'postfix/main.cf').content).toContain('smtpd_tls_auth_only = yes');
    expect(renderedFile(tls, 'postfix/master.cf').content).toMatch(/^587 inet n - n - - smtpd\n(?: {2}-o .*\n)*? {2}-o smtpd_tls_security_level=encrypt$/m);
    expect(renderedFile(tls, 'postfix/main.cf').content).toContain('inet_interfaces = 192.0.2.7, 127.0.0.1\ninet_protocols = ipv4\n');
    expect(dovecot).toContain('listen = 192.0.2.7\n');

    const testing = renderMailConfig({ ...settings, testing: true });
    expect(renderedFile(testing, 'dovecot/dovecot.conf').content).toContain('auth_failure_delay = 0');
    expect(renderedFile(testing, 'dovecot/dovecot.conf').content).toContain('anvil-auth-penalty');
    expect(renderedFile(testing, 'postfix/main.cf').content).toContain('smtpd_error_sleep_time = 0');
    expect(renderedFile(plain, 'postfix/main.cf').content).not.toContain('smtpd_error_sleep_time');
  });
});

describe('implicit TLS (issue 18)', () => {
  it('opens IMAPS, POP3S and submissions on their configured ports only with a certificate', () => {
    const ports = { ...DEFAULT_PORTS, imaps: 1993, pop3s: 1995, submissions: 1465 };
    const plain = renderMailConfig({ ...settings, ports });
    expect(renderedFile(plain, 'dovecot/dovecot.conf').content).toMatch(/inet_listener imaps \{\n {4}port = 0\n {2}\}/);
    expect(renderedFile(plain, 'dovecot/dovecot.conf').content).toMatch(/inet_listener pop3s \{\n {4}port = 0\n {2}\}/);
    expect(renderedFile(plain, 'postfix/master.cf').content).not.toContain('1465');

    const tls = renderMailConfig({ ...settings, ports, tls: { cert: '/etc/ssl/mail.pem', key: '/etc/ssl/mail.key' } });
    const dovecot = renderedFile(tls, 'dovecot/dovecot.conf').content;
    expect(dovecot).toMatch(/inet_listener imaps \{\n {4}port = 1993\n {4}ssl = yes\n {2}\}/);
    expect(dovecot).toMatch(/inet_listener pop3s \{\n {4}port = 1995\n {4}ssl = yes\n {2}\}/);
    const master = renderedFile(tls, 'postfix/master.cf').content;
    expect(master).toMatch(/^1465 inet n - n - - smtpd\n(?: {2}-o .*\n)*? {2}-o smtpd_tls_wrappermode=yes$/m);
    expect(master).toMatch(/^1465 inet n - n - - smtpd\n(?: {2}-o .*\n)*? {2}-o smtpd_sasl_auth_enable=yes$/m);
  });
});

describe('SRS and the message size ceiling (issue 18)', () => {
  it('rewrites senders through postsrsd except hosted ones, and accepts its SRS domain back', () => {
    const files = renderMailConfig({ ...settings, ports: { ...DEFAULT_PORTS, srsForward: 11001, srsReverse: 11002 }, srs: { domain: 'srs.example.com', secretFile: '/etc/postsrsd.secret' } });
    const main = renderedFile(files, 'postfix/main.cf').content;
    expect(main).toContain('sender_canonical_maps = proxy:pgsql:/etc/mailpanel-mail/postfix/pgsql-srs-hosted.cf, tcp:127.0.0.1:11001\n');
    expect(main).toContain('recipient_canonical_maps = tcp:127.0.0.1:11002\n');
    expect(main).toContain('relay_domains = srs.example.com\nrelay_recipient_maps = tcp:127.0.0.1:11002\n');
    expect(renderedFile(files, 'postfix/pgsql-srs-hosted.cf').secret).toBe(true);
    const postsrsd = renderedFile(files, 'postsrsd/default').content;
    expect(postsrsd).toContain('SRS_DOMAIN=srs.example.com\n');
    expect(postsrsd).toContain('SRS_FORWARD_PORT=11001\nSRS_REVERSE_PORT=11002\n');
    expect(postsrsd).not.toContain(settings.database.password);

    const off = renderMailConfig(settings);
    expect(renderedFile(off, 'postfix/main.cf').content).not.toMatch(/canonical_maps|relay_domains/);
    expect(off.map((f) => f.path)).not.toContain('postsrsd/default');
  });

  it('sets Postfix\'s server-wide limit to the largest a plan may have (each plan\'s own is the policy service\'s)', () => {
    expect(renderedFile(renderMailConfig(settings), 'postfix/main.cf').content).toContain(`message_size_limit = ${100 * 1024 * 1024}\n`);
  });
});

describe('the webmail (Roundcube, nginx, php-fpm)', () => {
  const webmail = {
    database: { host: '127.0.0.1', port: 5432, name: 'mailpanel_roundcube', user: 'roundcube', password: 'Rc-password_value' },
    httpListen: '127.0.0.1',
    httpPort: 8143,
    panelUrl: 'https://panel.example.com',
    pluginsDir: '/srv/mailpanel/mail/roundcube/plugins',
  };

  it('renders nothing of it without Roundcube\'s database', () => {
    expect(renderMailConfig(settings).filter((f) => /^(roundcube|nginx|php-fpm)\//.test(f.path))).toEqual([]);
  });

  it('renders Roundcube, nginx and php-fpm, with both database passwords only in Roundcube\'s configuration', () => {
    const files = renderMailConfig({ ...settings, webmail }).filter((f) => /^(roundcube|nginx|php-fpm)\//.test(f.path));
    expect(files.map((f) => f.path).sort()).toEqual([
      'nginx/nginx.conf',
      'php-fpm/php-fpm.conf',
      'roundcube/config.inc.php',
      'roundcube/defaults.inc.php',
      'roundcube/prepend.php',
    ]);
    for (const f of files) {
      expect(f.content, f.path).not.toMatch(/\{\{|\}\}/);
      expect(f.content.includes(webmail.database.password), f.path).toBe(f.secret);
      expect(f.content.includes(settings.database.password), f.path).toBe(f.secret);
      expect(f.group).toBe('www-data');
    }
    const config = renderedFile(files, 'roundcube/config.inc.php').content;
    expect(config).toContain("$config['db_dsnw'] = 'pgsql://roundcube:Rc-password_value@127.0.0.1:5432/mailpanel_roundcube';");
    // Roundcube reaches the servers through their webmail ports, which Dovecot takes as service "webmail".
    expect(config).toContain("$config['imap_host'] = '127.0.0.1:10143';");
    expect(config).toContain("$config['smtp_host'] = '127.0.0.1:10587';");
    expect(config).toContain("$config['mailpanel_dsn'] = 'pgsql:host=127.0.0.1;port=5432;dbname=mailpanel';");
    expect(config).toContain("$config['mailpanel_panel_url'] = 'https://panel.example.com';");
    // The plugin's texts come from the panel's catalogues, in both languages, with the panel's address.
    expect(config).toContain("'en_US' => ['loginrefused' => 'Sign-in refused. If your account uses two-step verification, or its password must be changed, sign in to the panel first: https://panel.example.com', 'companyaddressbook' => 'Company'],");
    expect(config).toMatch(/'it_IT' => \['loginrefused' => 'Accesso non riuscito\. .*: https:\/\/panel\.example\.com', 'companyaddressbook' => 'Azienda'\],/);
    expect(renderedFile(files, 'roundcube/prepend.php').content).toContain("define('RCUBE_PLUGINS_DIR', '/etc/mailpanel-mail/roundcube/plugins/');");
    expect(renderedFile(files, 'nginx/nginx.conf').content).toContain('listen 127.0.0.1:8143;');
    expect(renderedFile(files, 'nginx/nginx.conf').content).toContain('fastcgi_pass unix:/var/lib/mailpanel-mail/php-fpm/roundcube.sock;');
    expect(renderedFile(files, 'php-fpm/php-fpm.conf').content).toContain('env[ROUNDCUBE_CONFIG_DIR] = /etc/mailpanel-mail/roundcube');

    const tls = renderMailConfig({ ...settings, webmail, tls: { cert: '/etc/ssl/mail.pem', key: '/etc/ssl/mail.key' } });
    const tlsConfig = renderedFile(tls, 'roundcube/config.inc.php').content;
    expect(tlsConfig).toContain("$config['imap_host'] = 'tls://127.0.0.1:10143';");
    expect(tlsConfig).toContain("'peer_name' => 'mail.example.com'");
  });

  it("changes passwords with Roundcube's password plugin through the panel's API, with no rule of its own", () => {
    const config = renderedFile(renderMailConfig({ ...settings, webmail }), 'roundcube/config.inc.php').content;
    expect(config).toContain("$config['plugins'] = ['mailpanel', 'password'];");
    expect(config).toContain("$config['password_driver'] = 'mailpanel';");
    expect(config).toContain("$config['password_minimum_length'] = 0;");
    expect(config).toContain("$config['password_force_save'] = true;");
    // The API's address defaults to the panel's public one; a host may reach the panel another way.
    expect(config).toContain("$config['mailpanel_panel_api_url'] = 'https://panel.example.com';");
    const inside = renderedFile(renderMailConfig({ ...settings, webmail: { ...webmail, panelApiUrl: 'http://10.0.0.5:3000' } }), 'roundcube/config.inc.php').content;
    expect(inside).toContain("$config['mailpanel_panel_api_url'] = 'http://10.0.0.5:3000';");
  });

  it('has Dovecot take logins on its webmail port as service "webmail", and trust the address Roundcube forwards', () => {
    const files = renderMailConfig(settings);
    expect(renderedFile(files, 'dovecot/dovecot-sql.conf.ext').content).toContain("CASE WHEN '%Ls' = 'imap' AND '%{lport}' = '10143' THEN 'webmail' ELSE '%Ls' END, '%8w')");
    const dovecot = renderedFile(files, 'dovecot/dovecot.conf').content;
    expect(dovecot).toMatch(/inet_listener imap-webmail \{\n {4}address = 127\.0\.0\.1\n {4}port = 10143\n/);
    expect(dovecot).toContain('login_trusted_networks = 127.0.0.1\n');
    expect(renderedFile(files, 'postfix/master.cf').content).toMatch(/^127\.0\.0\.1:10587 inet n - n - - smtpd\n(?: {2}-o .*\n)*? {2}-o smtpd_sasl_service=webmail$/m);
  });
});

describe('--listen', () => {
  it('takes several addresses, IPv4 and IPv6 together; both servers listen on each (Postfix on 127.0.0.1 too)', () => {
    const both = renderMailConfig({ ...settings, listen: parseListen('127.0.0.1, ::1') });
    expect(renderedFile(both, 'dovecot/dovecot.conf').content).toContain('listen = 127.0.0.1, ::1\n');
    expect(renderedFile(both, 'postfix/main.cf').content).toContain('inet_interfaces = 127.0.0.1, ::1\ninet_protocols = all\n');
    const v6 = renderMailConfig({ ...settings, listen: parseListen('[2001:db8::7]') });
    expect(renderedFile(v6, 'postfix/main.cf').content).toContain('inet_interfaces = 2001:db8::7, 127.0.0.1\ninet_protocols = all\n');
    expect(renderedFile(v6, 'postfix/master.cf').content).not.toMatch(/^\S+:25 /m);
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
