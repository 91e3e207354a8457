import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { admins, oneTimeTokens } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { translate } from '@/lib/i18n/translate';
import { hasSuperadmin } from '@/lib/setup/setup-token';
import { emailSchema, textSchema } from '@/lib/validations/common';
import { newPasswordSchema } from '@/lib/validations/password';

const USAGE = `Usage: npm run admin:create -- --email EMAIL [--name NAME] [--role superadmin|admin] [--generate]
  The password is read from standard input when it is piped (printf '%s' "$PW" | npm run admin:create -- ...);
  otherwise, or with --generate, a strong one is generated and printed once. The first admin is the superadmin.`;

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
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      generate: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) die(`--email: ${translate('en', email.error.issues[0]?.message ?? 'validation.invalid')}\n${USAGE}`);
  const name = textSchema(200).safeParse(values.name ?? '');
  if (!name.success) die(`--name: ${translate('en', name.error.issues[0]?.message ?? 'validation.invalid')}`);
  if (values.role && values.role !== 'admin' && values.role !== 'superadmin') die(`--role must be superadmin or admin.\n${USAGE}`);

  const piped = !values.generate && !process.stdin.isTTY;
  const password = piped ? await readStdin() : generatePassword();
  const checked = newPasswordSchema.safeParse(password);
  if (!checked.success) die(`Password: ${translate('en', checked.error.issues[0]?.message ?? 'validation.invalid')}`);

  const handle = getDatabaseHandle();
  await runMigrations(handle);
  const passwordHash = await hashPassword(password);
  const role = await handle.db.transaction(async (tx) => {
    const superadminExists = await hasSuperadmin(tx);
    const wanted = values.role ?? (superadminExists ? 'admin' : 'superadmin');
    if (wanted === 'superadmin' && superadminExists) die('A superadmin exists already; create an admin instead (--role admin).');
    if (wanted === 'admin' && !superadminExists) die('Create the superadmin first.');
    const taken = await tx.select({ id: admins.id }).from(admins).where(eq(admins.email, email.data)).limit(1);
    if (taken.length > 0) die(`--email: ${translate('en', 'validation.emailTaken')}`);
    const [row] = await tx
      .insert(admins)
      .values({ email: email.data, name: name.data, role: wanted as 'admin' | 'superadmin', passwordHash })
      .returning({ id: admins.id });
    if (wanted === 'superadmin') await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.purpose, 'setup'));
    await writeAudit(tx, {
      actor: { kind: 'system', label: 'cli' },
      ip: null,
      action: 'admin.create',
      targetType: 'admin',
      targetId: row?.id,
      targetLabel: email.data,
      details: { role: wanted },
    });
    return wanted;
  });
  console.log(`Created ${role} ${email.data}.`);
  if (!piped) console.log(`Password (shown only now): ${password}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
