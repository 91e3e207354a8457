import './outside-next'; // first: see scripts/outside-next.ts
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultMailRole, generateRolePassword, grantMailRole, mailRoleUrl } from '@/lib/mail-servers/role';

const USAGE = `Usage: npm run mail:role -- [--database-url URL] [--role NAME] [--url-file FILE] [--password-stdin]
Creates (or updates) the mail servers' database role and grants it what Dovecot, Postfix and the policy
service need: SELECT on the views of schema "mail", writes to mailbox_usage, mailbox_last_login and
mailbox_sent. Run it as a user that may create roles (e.g. postgres), after the migrations.
  --database-url URL   the panel's database as that user (default: $DATABASE_URL)
  --role NAME          default: the database's name followed by _mail (mailpanel_mail for mailpanel).
                       Roles belong to the whole PostgreSQL cluster: each panel database needs its own,
                       and a role made for one database is refused for another.
  --url-file FILE      write the mail servers' database URL (with the password) to FILE (mode 600)
                       instead of printing it
  --password-stdin     read the role's password from standard input; without it a strong one is generated`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      role: { type: 'string' },
      'url-file': { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const adminUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error(`The database URL is missing (--database-url or DATABASE_URL).\n${USAGE}`);
  let database: string;
  try {
    database = decodeURIComponent(new URL(adminUrl).pathname.replace(/^\//, ''));
  } catch {
    throw new Error('The database URL is not a valid URL (postgres://user:password@host:port/database).');
  }
  if (!database) throw new Error('The database URL names no database.');
  const role = values.role ?? defaultMailRole(database);
  // Standard input only when asked: a script's stdin that is not a terminal may never end.
  let password = generateRolePassword();
  if (values['password-stdin']) {
    password = await readStdin();
    if (!password) throw new Error('--password-stdin: nothing was read from standard input.');
  }
  await grantMailRole({ adminUrl, role, password });
  const url = mailRoleUrl(adminUrl, role, password);
  if (values['url-file']) {
    fs.writeFileSync(values['url-file'], `${url}\n`, { mode: 0o600 });
    console.log(`Role ${role} is ready; its database URL is in ${values['url-file']}.`);
  } else {
    console.log(`Role ${role} is ready. The mail servers' database URL (shown once):\n${url}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
