import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { findAdminByEmail } from '@/db/queries/admins';
import { clearOtp, getOtpState } from '@/db/queries/otp';
import { die, emailOption, migratedDatabase, runCli, writeCliAudit } from './cli';

// An admin whose authenticator is lost cannot sign in, and the panel has nobody above the superadmin to
// reset it: whoever runs the server does it here. The secret goes and every session of the admin ends;
// the admin sets up two-step sign-in again from "My settings" once signed in with the password.
const USAGE = `Usage: npm run admin:otp-reset -- --email EMAIL
  Turns off two-step sign-in (OTP) for an existing admin, whose authenticator app was lost. Every session of
  the admin ends; it signs in with its password and may set up OTP again.`;

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const email = emailOption(values.email, USAGE);

  const handle = await migratedDatabase();
  const wasEnrolled = await handle.db.transaction(async (tx) => {
    const row = await findAdminByEmail(tx, { email });
    if (!row) die(`--email: no admin has the address ${email}.`);
    const ref = { kind: 'admin', id: row.id } as const;
    const enrolled = (await getOtpState({ ex: tx, owner: ref }))?.enabled ?? false;
    await clearOtp({ ex: tx, owner: ref });
    await writeCliAudit(tx, {
      action: 'admin.otp.reset',
      targetType: 'admin',
      targetId: row.id,
      targetLabel: email,
      details: { wasEnrolled: enrolled },
    });
    return enrolled;
  });
  console.log(
    wasEnrolled
      ? `Two-step sign-in turned off for ${email}; its sessions have ended.`
      : `${email} had no two-step sign-in set up; its sessions have ended all the same.`,
  );
}

runCli(main);
