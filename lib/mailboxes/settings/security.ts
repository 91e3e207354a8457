import 'server-only';
import { isIP } from 'node:net';
import { getPasswordHashes, insertPasswordHistory } from '@/db/queries/mailbox-settings';
import { diff } from '@/lib/audit/write-audit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { keyWith } from '@/lib/i18n/translate';
import { securitySchema } from '@/lib/validations/mailbox-settings';
import { passwordMentionsAddress } from '@/lib/validations/password';
import { refuse, saveSection, type SaveArgs, type SaveResult } from './access';

/** With reuse blocked, a new password may not be any of the last five: the current one and four before it. */
export const PASSWORD_REUSE_DEPTH = 5;

async function matchesAny(password: string, hashes: readonly string[]): Promise<boolean> {
  for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
  return false;
}

/**
 * The password policy, OTP, allowed IPs and API access; optionally a new password, which keeps the old
 * hash in the history and ends the mailbox's sessions. The audit row never holds a hash. A new password,
 * changed allowed IPs or OTP becoming required (mail clients then need app passwords) also end the
 * account's sessions on the mail host (a `kick` job).
 */
export async function updateSecurity(args: SaveArgs): Promise<SaveResult> {
  return saveSection(args, 'security', securitySchema, async ({ tx, row, data }) => {
    const { mailbox } = row;
    // The browser's check, once more with the platform's own parser.
    const bad = data.allowedIps.find((entry) => isIP(entry.split('/')[0] ?? '') === 0);
    if (bad) return refuse({ allowedIps: keyWith('mailboxSettings.errors.ipInvalid', { entry: bad }) });

    const values = {
      passwordExpiryMonths: data.passwordExpiryMonths,
      blockPasswordReuse: data.blockPasswordReuse,
      passwordChangeDisabled: data.passwordChangeDisabled,
      passwordRecoveryDisabled: data.passwordRecoveryDisabled,
      forcePasswordChange: data.forcePasswordChange,
      otpRequired: data.otpRequired,
      allowedIps: data.allowedIps,
      apiAccess: data.apiAccess,
    };
    const details = diff(mailbox, values);
    const cutOff = 'allowedIps' in details.after || (values.otpRequired && !mailbox.otpRequired);
    if (data.newPassword === '') return { values, details, mailJobs: cutOff ? ['kick'] : [] };
    if (passwordMentionsAddress(data.newPassword, mailbox.address)) return refuse({ newPassword: 'security.password.mentionsAddress' });

    const { current, previous } = await getPasswordHashes({
      ex: tx,
      mailboxId: mailbox.id,
      previous: data.blockPasswordReuse ? PASSWORD_REUSE_DEPTH - 1 : 0,
    });
    if (data.blockPasswordReuse && (await matchesAny(data.newPassword, current ? [current, ...previous] : previous))) {
      return refuse({ newPassword: 'mailboxSettings.errors.passwordReused' });
    }
    const passwordHash = await hashPassword(data.newPassword);
    return {
      values: { ...values, passwordHash, passwordChangedAt: new Date() },
      endSessions: true,
      mailJobs: ['kick'],
      afterUpdate: async () => {
        if (current) await insertPasswordHistory({ ex: tx, mailboxId: mailbox.id, passwordHash: current });
      },
      details: { ...details, passwordChanged: true },
    };
  });
}
