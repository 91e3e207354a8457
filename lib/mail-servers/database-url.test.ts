import { describe, expect, it } from 'vitest';
import { dovecotConnectString, parseMailDatabaseUrl, postfixHosts } from './database-url';

describe('the mail servers\' database URL', () => {
  it('gives Dovecot a libpq connect string and Postfix a hosts entry', () => {
    const db = parseMailDatabaseUrl('postgres://mail_role:Abc-123_x~y@db.internal:6432/mailpanel');
    expect(db).toEqual({ host: 'db.internal', port: 6432, name: 'mailpanel', user: 'mail_role', password: 'Abc-123_x~y' });
    expect(dovecotConnectString(db)).toBe('host=db.internal port=6432 dbname=mailpanel user=mail_role password=Abc-123_x~y');
    expect(postfixHosts(db)).toBe('inet:db.internal:6432');
  });

  it('takes IPv6 hosts, socket directories and the default port', () => {
    expect(postfixHosts(parseMailDatabaseUrl('postgresql://u:p@[::1]/db'))).toBe('inet:[::1]:5432');
    const socket = parseMailDatabaseUrl('postgres://u:p@localhost/db?host=/var/run/postgresql');
    expect(socket.host).toBe('/var/run/postgresql');
    expect(postfixHosts(socket)).toBe('unix:/var/run/postgresql/.s.PGSQL.5432');
  });

  it('refuses what either server could misread: missing parts, spaces, quotes, another scheme', () => {
    expect(() => parseMailDatabaseUrl('not a url')).toThrow();
    expect(() => parseMailDatabaseUrl('mysql://u:p@h/db')).toThrow(/postgres/);
    expect(() => parseMailDatabaseUrl('postgres://u@h/db')).toThrow(/password/);
    expect(() => parseMailDatabaseUrl('postgres://u:p@h/')).toThrow(/database name/);
    expect(() => parseMailDatabaseUrl('postgres://u:a%20b@h/db')).toThrow(/password/);
    expect(() => parseMailDatabaseUrl("postgres://u:a'b@h/db")).toThrow(/password/);
  });
});
