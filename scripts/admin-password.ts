import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { closeDatabase, getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { admins } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { translate } from '@/lib/i18n/translate';
import { emailSchema } from '@/lib/validations/common';
import { newPasswordForAddress } from '@/lib/validations/password';

// An admin's forgotten password: admins have no recovery address (e-mail recovery is for mailboxes),
// so whoever runs the server sets a new one here. Every session of that admin ends.
const USAGE = `Usage: npm run admin:password -- --email EMAIL [--generate]
  Sets a new password for an existing admin. The password is read from standard input when it is piped
  (printf '%s' "$PW" | npm run admin:password -- ...); otherwise, or with --generate, a strong one is
  generated and printed once. Every session of the admin ends.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function die(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, generate: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) die(`--email: ${translate('en', email.error.issues[0]?.message ?? 'validation.invalid')}\n${USAGE}`);

  const piped = !values.generate && !process.stdin.isTTY;
  const password = piped ? await readStdin() : generatePassword();
  const checked = newPasswordForAddress(email.data).safeParse(password);
  if (!checked.success) die(`Password: ${translate('en', checked.error.issues[0]?.message ?? 'validation.invalid')}`);

  const handle = getDatabaseHandle();
  await runMigrations(handle);
  const passwordHash = await hashPassword(password);
  await handle.db.transaction(async (tx) => {
    const [row] = await tx
      .update(admins)
      .set({ passwordHash, passwordChangedAt: new Date(), sessionVersion: sql`${admins.sessionVersion} + 1`, version: sql`${admins.version} + 1`, updatedAt: new Date() })
      .where(eq(admins.email, email.data))
      .returning({ id: admins.id });
    if (!row) die(`--email: no admin has the address ${email.data}.`);
    await writeAudit(tx, { actor: { kind: 'system', label: 'cli' }, ip: null, action: 'admin.password.set', targetType: 'admin', targetId: row.id, targetLabel: email.data });
  });
  console.log(`New password set for ${email.data}; its sessions have ended.`);
  if (!piped) console.log(`Password (shown only now): ${password}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
