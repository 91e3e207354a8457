import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import { clearAdminAllowedIps } from '@/db/queries/admins';
import { findSignInCandidates } from '@/db/queries/credentials';
import { unlockAccount } from '@/lib/auth/throttle';
import { canonicalIpEntry } from '@/lib/validations/ip-allowlist';
import { die, emailOption, migratedDatabase, runCli, writeCliAudit } from './cli';

// Too many failed sign-ins lock an account for 15 minutes (lib/auth/throttle.ts); whoever runs the server
// ends the lock at once here, for an admin or an account. With --clear-allowed-ips it also empties an
// admin's allowed IPs: the way back in for an admin whose address changed.
const USAGE = `Usage: npm run admin:unlock -- --email EMAIL [--clear-allowed-ips]
  Ends the sign-in lock of an admin or account after too many failed attempts (its counts start again).
  --clear-allowed-ips  also empties the admin's allowed IPs, so it may sign in from anywhere again.`;

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, 'clear-allowed-ips': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const email = emailOption(values.email, USAGE);
  const clearIps = values['clear-allowed-ips'] === true;

  const handle = await migratedDatabase();
  const lines = await handle.db.transaction(async (tx) => {
    const { admin, mailbox } = await findSignInCandidates({ ex: tx, identifier: email, ip: null });
    if (!admin && !mailbox) die(`--email: no admin or account has the address ${email}.`);
    if (clearIps && !admin) die(`--clear-allowed-ips: ${email} is not an admin.`);
    const cleared = await unlockAccount(email, tx);
    const out = [cleared > 0 ? `Sign-in lock and counts cleared for ${email}.` : `${email} was not locked; nothing to clear.`];
    const allowedIps = admin && clearIps ? (await clearAdminAllowedIps(tx, { id: admin.id })).map(canonicalIpEntry) : null;
    if (allowedIps) out.push(allowedIps.length > 0 ? `Allowed IPs emptied (were ${allowedIps.join(', ')}).` : 'The admin had no allowed IPs.');
    for (const target of [admin && { type: 'admin', id: admin.id }, mailbox && { type: 'mailbox', id: mailbox.id }]) {
      if (!target) continue;
      await writeCliAudit(tx, {
        action: `${target.type}.unlock`,
        targetType: target.type,
        targetId: target.id,
        targetLabel: email,
        details: { countersCleared: cleared, ...(target.type === 'admin' && allowedIps ? { before: { allowedIps }, after: { allowedIps: [] } } : {}) },
      });
    }
    return out;
  });
  for (const line of lines) console.log(line);
}

runCli(main);
