import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { admins } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { newPasswordForAddress } from '@/lib/validations/password';
import { die, emailOption, migratedDatabase, newPassword, runCli, writeCliAudit } from './cli';

// An admin's forgotten password: admins have no recovery address (e-mail recovery is for mailboxes),
// so whoever runs the server sets a new one here. Every session of that admin ends.
const USAGE = `Usage: npm run admin:password -- --email EMAIL [--generate]
  Sets a new password for an existing admin. The password is read from standard input when it is piped
  (printf '%s' "$PW" | npm run admin:password -- ...); otherwise, or with --generate, a strong one is
  generated and printed once. Every session of the admin ends.`;

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, generate: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const email = emailOption(values.email, USAGE);

  const { password, piped } = await newPassword(values.generate, newPasswordForAddress(email));

  const handle = await migratedDatabase();
  const passwordHash = await hashPassword(password);
  await handle.db.transaction(async (tx) => {
    const [row] = await tx
      .update(admins)
      .set({ passwordHash, passwordChangedAt: new Date(), sessionVersion: sql`${admins.sessionVersion} + 1`, version: sql`${admins.version} + 1`, updatedAt: new Date() })
      .where(eq(admins.email, email))
      .returning({ id: admins.id });
    if (!row) die(`--email: no admin has the address ${email}.`);
    await writeCliAudit(tx, { action: 'admin.password.set', targetType: 'admin', targetId: row.id, targetLabel: email });
  });
  console.log(`New password set for ${email}; its sessions have ended.`);
  if (!piped) console.log(`Password (shown only now): ${password}`);
}

runCli(main);
