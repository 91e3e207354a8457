import 'server-only';
import { isIP } from 'node:net';
import { getDb } from '@/db';
import { findAdminById, getPanelSettings, listAllowsIp, setAdminAllowedIps as updateAllowedIps, setAdminOtpRequired as updateOtpRequired, superadminHasOtp } from '@/db/queries/admins';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { notFound, refused } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/keys';
import { canonicalIpEntry } from '@/lib/validations/ip-allowlist';
import { adminAllowedIpsSchema, adminOtpPolicySchema } from '@/lib/validations/admin-security';

// How admins sign in, as the superadmin sets it: each admin's allowed IPs (checked at sign-in and on
// every request and API call, like an account's: lib/auth/load-caller.ts) and the panel-wide "every
// admin signs in with a code" (an admin without OTP is sent to set it up, like an account whose policy
// requires it). Only the superadmin changes either: an admin widening its own list is exactly what a
// stolen admin session would do.

export type AdminSecuritySettings = { adminOtpRequired: boolean; superadminHasOtp: boolean };

export async function getAdminSecuritySettings({ caller }: { caller: Caller | null }): Promise<AdminSecuritySettings> {
  assertCan(caller, 'admins:read');
  const [settings, enrolled] = await Promise.all([getPanelSettings(getDb()), superadminHasOtp(getDb())]);
  return { adminOtpRequired: settings.adminOtpRequired, superadminHasOtp: enrolled };
}

/**
 * Sets an admin's allowed IPs (the superadmin's too). The superadmin may not set a list for itself that
 * leaves out the address it is using: it would be signed out at once with nobody above it to undo it
 * (`npm run admin:unlock -- --clear-allowed-ips` is the way back from the shell).
 */
export async function setAdminAllowedIps({ caller, ip, input }: { caller: Caller | null; ip: string | null; input: unknown }): Promise<ActionResult<{ allowedIps: string[] }>> {
  assertCan(caller, 'admins:write');
  const parsed = adminAllowedIpsSchema.safeParse(input);
  if (!parsed.success) {
    // A bad id is an admin that is not there; a bad list, a message at the field.
    if (parsed.error.issues.some((issue) => issue.path[0] === 'id' || issue.path.length === 0)) throw notFound();
    return invalid(parsed.error);
  }
  const { id, allowedIps } = parsed.data;
  // The browser's check, once more with the platform's own parser.
  const bad = allowedIps.find((entry) => isIP(entry.split('/')[0] ?? '') === 0);
  if (bad) return fieldError('allowedIps', keyWith('mailboxSettings.errors.ipInvalid', { entry: bad }));

  return getDb().transaction(async (tx) => {
    const target = await findAdminById(tx, { id, forUpdate: true });
    if (!target) throw notFound();
    if (target.id === caller.id && caller.kind === 'admin' && !(await listAllowsIp(tx, { allowedIps, ip }))) {
      return fieldError('allowedIps', ip ? keyWith('admins.allowedIps.excludesYou', { ip }) : 'admins.allowedIps.addressUnknown');
    }
    const changed = await updateAllowedIps(tx, { id: target.id, allowedIps });
    if (!changed) throw notFound();
    const before = changed.before.map(canonicalIpEntry);
    if (JSON.stringify(before) !== JSON.stringify(allowedIps)) {
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'admin.allowedIps.update',
        targetType: 'admin',
        targetId: target.id,
        targetLabel: target.email,
        details: { before: { allowedIps: before }, after: { allowedIps } },
      });
    }
    return ok({ allowedIps });
  });
}

/**
 * Requires (or no longer requires) two-step sign-in of every admin, the superadmin included. Turning it
 * on needs the superadmin's own OTP set up first, so the switch does not send its own user to enrolment.
 */
export async function setAdminOtpRequired({ caller, ip, input }: { caller: Caller | null; ip: string | null; input: unknown }): Promise<ActionResult<{ required: boolean }>> {
  assertCan(caller, 'admins:write');
  const parsed = adminOtpPolicySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { required } = parsed.data;
  return getDb().transaction(async (tx) => {
    const before = (await getPanelSettings(tx)).adminOtpRequired;
    if (before === required) return ok({ required });
    if (required && !(await superadminHasOtp(tx))) return fail(refused('admins.otpPolicy.enrolFirst'));
    await updateOtpRequired(tx, { required });
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'panel.adminOtpRequired.update',
      targetType: 'panel',
      targetLabel: 'admins',
      details: { before: { adminOtpRequired: before }, after: { adminOtpRequired: required } },
    });
    return ok({ required });
  });
}
