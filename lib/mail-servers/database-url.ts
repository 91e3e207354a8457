/** What the mail servers need to reach the panel's database as their own role. */
export type MailDatabase = { host: string; port: number; name: string; user: string; password: string };

// Dovecot splits its connect string on spaces and both servers read these values from plain config files:
// keep them to characters that need no quoting anywhere (mail:role generates such passwords).
const PLAIN = /^[A-Za-z0-9._~+/=-]+$/;

/** postgres://user:password@host:port/database (host may also be given as ?host=/socket/dir). */
export function parseMailDatabaseUrl(text: string): MailDatabase {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('The database URL is not a valid URL (postgres://user:password@host:port/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('The database URL must start with postgres://.');
  const database: MailDatabase = {
    host: url.searchParams.get('host') ?? (url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1'),
    port: Number(url.port || 5432),
    name: decodeURIComponent(url.pathname.replace(/^\//, '')),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  for (const key of ['host', 'name', 'user', 'password'] as const) {
    if (!database[key]) throw new Error(`The database URL has no ${key === 'name' ? 'database name' : key}.`);
    // A host may also be an IPv6 address.
    const plain = key === 'host' ? PLAIN.test(database.host.replaceAll(':', '')) : PLAIN.test(database[key]);
    if (!plain) throw new Error(`The database URL's ${key} may only hold letters, digits and . _ ~ + / = -.`);
  }
  return database;
}

/** libpq's key=value form, as Dovecot's pgsql driver takes it. */
export function dovecotConnectString(db: MailDatabase): string {
  return `host=${db.host} port=${db.port} dbname=${db.name} user=${db.user} password=${db.password}`;
}

/** Postfix's pgsql `hosts`: a TCP address, or a UNIX-domain socket directory. */
export function postfixHosts(db: MailDatabase): string {
  if (db.host.startsWith('/')) return `unix:${db.host}/.s.PGSQL.${db.port}`;
  return db.host.includes(':') ? `inet:[${db.host}]:${db.port}` : `inet:${db.host}:${db.port}`;
}
