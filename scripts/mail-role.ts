import './outside-next'; // first: see scripts/outside-next.ts
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_MAIL_ROLE, generateRolePassword, grantMailRole, mailRoleUrl } from '@/lib/mail-servers/role';

const USAGE = `Usage: npm run mail:role -- [--database-url URL] [--role NAME] [--url-file FILE]
Creates (or updates) the mail servers' database role and grants it what Dovecot, Postfix and the policy
service need: SELECT on the views of schema "mail", writes to mailbox_usage, mailbox_last_login and
mailbox_sent. Run it as a user that may create roles (e.g. postgres), after the migrations.
  --database-url URL   the panel's database as that user (default: $DATABASE_URL)
  --role NAME          default ${DEFAULT_MAIL_ROLE}
  --url-file FILE      write the mail servers' database URL (with the password) to FILE (mode 600)
                       instead of printing it
The role's password is read from standard input when it is piped; otherwise a strong one is generated.`;

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
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const adminUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error(`The database URL is missing (--database-url or DATABASE_URL).\n${USAGE}`);
  const role = values.role ?? DEFAULT_MAIL_ROLE;
  const password = process.stdin.isTTY ? generateRolePassword() : (await readStdin()) || generateRolePassword();
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
