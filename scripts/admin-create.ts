import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { admins, oneTimeTokens } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { translate } from '@/lib/i18n/translate';
import { hasSuperadmin } from '@/lib/setup/setup-token';
import { textSchema } from '@/lib/validations/common';
import { newPasswordSchema } from '@/lib/validations/password';
import { die, emailOption, migratedDatabase, newPassword, refusal, runCli, writeCliAudit } from './cli';

const USAGE = `Usage: npm run admin:create -- --email EMAIL [--name NAME] [--role superadmin|admin] [--generate]
  The password is read from standard input when it is piped (printf '%s' "$PW" | npm run admin:create -- ...);
  otherwise, or with --generate, a strong one is generated and printed once. The first admin is the superadmin.`;

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
  const email = emailOption(values.email, USAGE);
  const name = textSchema(200).safeParse(values.name ?? '');
  if (!name.success) die(`--name: ${refusal(name.error)}`);
  if (values.role && values.role !== 'admin' && values.role !== 'superadmin') die(`--role must be superadmin or admin.\n${USAGE}`);

  const { password, piped } = await newPassword(values.generate, newPasswordSchema);

  const handle = await migratedDatabase();
  const passwordHash = await hashPassword(password);
  const role = await handle.db.transaction(async (tx) => {
    const superadminExists = await hasSuperadmin(tx);
    const wanted = values.role ?? (superadminExists ? 'admin' : 'superadmin');
    if (wanted === 'superadmin' && superadminExists) die('A superadmin exists already; create an admin instead (--role admin).');
    if (wanted === 'admin' && !superadminExists) die('Create the superadmin first.');
    const taken = await tx.select({ id: admins.id }).from(admins).where(eq(admins.email, email)).limit(1);
    if (taken.length > 0) die(`--email: ${translate('en', 'validation.emailTaken')}`);
    const [row] = await tx
      .insert(admins)
      .values({ email, name: name.data, role: wanted as 'admin' | 'superadmin', passwordHash })
      .returning({ id: admins.id });
    if (wanted === 'superadmin') await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.purpose, 'setup'));
    await writeCliAudit(tx, {
      action: 'admin.create',
      targetType: 'admin',
      targetId: row?.id,
      targetLabel: email,
      details: { role: wanted },
    });
    return wanted;
  });
  console.log(`Created ${role} ${email}.`);
  if (!piped) console.log(`Password (shown only now): ${password}`);
}

runCli(main);
