import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { findAdminByEmail } from '@/db/queries/admins';
import { clearOtp, getOtpState } from '@/db/queries/otp';
import { writeAudit } from '@/lib/audit/write-audit';
import { translate } from '@/lib/i18n/translate';
import { emailSchema } from '@/lib/validations/common';

// An admin whose authenticator is lost cannot sign in, and the panel has nobody above the superadmin to
// reset it: whoever runs the server does it here. The secret goes and every session of the admin ends;
// the admin sets up two-step sign-in again from "My settings" once signed in with the password.
const USAGE = `Usage: npm run admin:otp-reset -- --email EMAIL
  Turns off two-step sign-in (OTP) for an existing admin, whose authenticator app was lost. Every session of
  the admin ends; it signs in with its password and may set up OTP again.`;

function die(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) die(`--email: ${translate('en', email.error.issues[0]?.message ?? 'validation.invalid')}\n${USAGE}`);

  const handle = getDatabaseHandle();
  await runMigrations(handle);
  const wasEnrolled = await handle.db.transaction(async (tx) => {
    const row = await findAdminByEmail(tx, { email: email.data });
    if (!row) die(`--email: no admin has the address ${email.data}.`);
    const ref = { kind: 'admin', id: row.id } as const;
    const enrolled = (await getOtpState({ ex: tx, owner: ref }))?.enabled ?? false;
    await clearOtp({ ex: tx, owner: ref });
    await writeAudit(tx, {
      actor: { kind: 'system', label: 'cli' },
      ip: null,
      action: 'admin.otp.reset',
      targetType: 'admin',
      targetId: row.id,
      targetLabel: email.data,
      details: { wasEnrolled: enrolled },
    });
    return enrolled;
  });
  console.log(
    wasEnrolled
      ? `Two-step sign-in turned off for ${email.data}; its sessions have ended.`
      : `${email.data} had no two-step sign-in set up; its sessions have ended all the same.`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
