import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabaseHandle } from '@/db';
import { runMigrations } from '@/db/migrate';
import { clearAdminAllowedIps } from '@/db/queries/admins';
import { findSignInCandidates } from '@/db/queries/credentials';
import { writeAudit } from '@/lib/audit/write-audit';
import { unlockAccount } from '@/lib/auth/throttle';
import { translate } from '@/lib/i18n/translate';
import { canonicalIpEntry } from '@/lib/validations/ip-allowlist';
import { emailSchema } from '@/lib/validations/common';

// Too many failed sign-ins lock an account for 15 minutes (lib/auth/throttle.ts); whoever runs the server
// ends the lock at once here, for an admin or an account. With --clear-allowed-ips it also empties an
// admin's allowed IPs: the way back in for an admin whose address changed.
const USAGE = `Usage: npm run admin:unlock -- --email EMAIL [--clear-allowed-ips]
  Ends the sign-in lock of an admin or account after too many failed attempts (its counts start again).
  --clear-allowed-ips  also empties the admin's allowed IPs, so it may sign in from anywhere again.`;

function die(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, 'clear-allowed-ips': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) die(`--email: ${translate('en', email.error.issues[0]?.message ?? 'validation.invalid')}\n${USAGE}`);
  const clearIps = values['clear-allowed-ips'] === true;

  const handle = getDatabaseHandle();
  await runMigrations(handle);
  const lines = await handle.db.transaction(async (tx) => {
    const { admin, mailbox } = await findSignInCandidates({ ex: tx, identifier: email.data, ip: null });
    if (!admin && !mailbox) die(`--email: no admin or account has the address ${email.data}.`);
    if (clearIps && !admin) die(`--clear-allowed-ips: ${email.data} is not an admin.`);
    const cleared = await unlockAccount(email.data, tx);
    const out = [cleared > 0 ? `Sign-in lock and counts cleared for ${email.data}.` : `${email.data} was not locked; nothing to clear.`];
    const allowedIps = admin && clearIps ? (await clearAdminAllowedIps(tx, { id: admin.id })).map(canonicalIpEntry) : null;
    if (allowedIps) out.push(allowedIps.length > 0 ? `Allowed IPs emptied (were ${allowedIps.join(', ')}).` : 'The admin had no allowed IPs.');
    for (const target of [admin && { type: 'admin', id: admin.id }, mailbox && { type: 'mailbox', id: mailbox.id }]) {
      if (!target) continue;
      await writeAudit(tx, {
        actor: { kind: 'system', label: 'cli' },
        ip: null,
        action: `${target.type}.unlock`,
        targetType: target.type,
        targetId: target.id,
        targetLabel: email.data,
        details: { countersCleared: cleared, ...(target.type === 'admin' && allowedIps ? { before: { allowedIps }, after: { allowedIps: [] } } : {}) },
      });
    }
    return out;
  });
  for (const line of lines) console.log(line);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
