import 'server-only';
import { getDb, type Executor } from '@/db';
import { findOwnAdminPassword, findOwnMailboxPassword, setOwnPassword } from '@/db/queries/credentials';
import { getPasswordHashes, insertPasswordHistory } from '@/db/queries/mailbox-settings';
import { clearOtp, getOtpState } from '@/db/queries/otp';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller, PrincipalRef } from '@/lib/auth/caller';
import { mustChangePassword, passwordExpired, passwordExpiresAt } from '@/lib/auth/gate';
import { checkOtpCode } from '@/lib/auth/otp-code';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { beginAttempt } from '@/lib/auth/throttle';
import { conflict, forbidden, rateLimited, refused } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { kickJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { changePasswordSchema, otpCodeFormSchema, webmailPasswordSchema } from '@/lib/validations/security';
import { confirmOtpEnrolment } from './otp';

// The caller's own password and OTP: the change-password page and the enrolment page. Everything is
// checked against the row as it is now, and a change bumps the session version where sessions must end.

/** With reuse blocked, a new password may not be any of the last five: the current one and four before it. */
export const OWN_PASSWORD_REUSE_DEPTH = 5;

type Context = { caller: Caller; ip: string | null; now?: Date };

function refOf(caller: Caller): PrincipalRef {
  return { kind: caller.kind, id: caller.id };
}

/** The policy of the caller's own account, as the security pages show it. */
export type OwnSecurity = {
  address: string;
  otpEnabled: boolean;
  otpRequired: boolean;
  /** Voluntary changes are disabled; a forced or expired password may be changed all the same. */
  passwordChangeDisabled: boolean;
  forced: boolean;
  expired: boolean;
  mustChange: boolean;
  passwordChangedAt: Date;
  passwordExpiresAt: Date | null;
  blockReuse: boolean;
};

type OwnRow = {
  address: string;
  passwordHash: string;
  passwordChangedAt: Date;
  sessionVersion: number;
  forcePasswordChange: boolean;
  passwordExpiryMonths: number;
  passwordChangeDisabled: boolean;
  blockPasswordReuse: boolean;
  otpRequired: boolean;
  domain: { id: number; name: string } | null;
};

async function loadOwnRow(caller: Caller, ex: Executor = getDb()): Promise<OwnRow | null> {
  if (caller.kind === 'admin') {
    const row = await findOwnAdminPassword({ ex, id: caller.id });
    return row
      ? { ...row, forcePasswordChange: false, passwordExpiryMonths: 0, passwordChangeDisabled: false, blockPasswordReuse: false, otpRequired: false, domain: null }
      : null;
  }
  return (await findOwnMailboxPassword({ ex, id: caller.id })) ?? null;
}

export async function getOwnSecurity(caller: Caller, now: Date = new Date()): Promise<OwnSecurity | null> {
  const row = await loadOwnRow(caller);
  const otp = await getOtpState({ ex: getDb(), owner: refOf(caller) });
  if (!row || !otp) return null;
  const expired = passwordExpired(row, now);
  return {
    address: row.address,
    otpEnabled: otp.enabled,
    otpRequired: otp.required,
    passwordChangeDisabled: row.passwordChangeDisabled,
    forced: row.forcePasswordChange,
    expired,
    mustChange: mustChangePassword(row, now),
    passwordChangedAt: row.passwordChangedAt,
    passwordExpiresAt: passwordExpiresAt(row.passwordChangedAt, row.passwordExpiryMonths),
    blockReuse: row.blockPasswordReuse,
  };
}

async function matchesAny(password: string, hashes: readonly string[]): Promise<boolean> {
  for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
  return false;
}

/**
 * The caller changes its own password. Refused when changes are disabled — unless the password must
 * change (forced or expired): a policy that demands a change must let it happen. The current password
 * is asked for (and wrong guesses count towards the sign-in throttle); with reuse blocked, none of the
 * last five may come back. On success: new hash, the old one into the history, the change time, the
 * "force change" flag cleared, and the session version bumped (every session ends; the action gives
 * the caller's own browser a new session). Returns the new session version.
 */
export async function changeOwnPassword({ caller, ip, input, now = new Date() }: Context & { input: unknown }): Promise<ActionResult<{ sessionVersion: number }>> {
  const parsed = changePasswordSchema(caller.label).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { currentPassword, newPassword } = parsed.data;

  const row = await loadOwnRow(caller);
  if (!row || row.sessionVersion !== caller.sessionVersion) return fail(conflict('errors.signedOut'));
  const mustChange = mustChangePassword(row, now);
  if (row.passwordChangeDisabled && !mustChange) return fail(forbidden('security.password.disabled'));

  const attempt = await beginAttempt({ account: row.address, ip, now });
  if (attempt.throttled) return fail(rateLimited(keyWith('auth.throttled', { minutes: attempt.retryAfterMinutes }), attempt.retryAfterMinutes * 60));
  if (!(await verifyPassword(currentPassword, row.passwordHash))) {
    await attempt.fail();
    return fieldError('currentPassword', 'security.password.currentWrong');
  }
  await attempt.neutral();

  if (caller.kind === 'mailbox' && row.blockPasswordReuse) {
    const { previous } = await getPasswordHashes({ ex: getDb(), mailboxId: caller.id, previous: OWN_PASSWORD_REUSE_DEPTH - 1 });
    if (await matchesAny(newPassword, [row.passwordHash, ...previous])) return fieldError('newPassword', 'mailboxSettings.errors.passwordReused');
  }
  const passwordHash = await hashPassword(newPassword);

  return getDb().transaction(async (tx) => {
    // Only over the row as it was checked: same hash, same session version (no change in between).
    const sessionVersion = await setOwnPassword({ ex: tx, account: refOf(caller), expected: row, passwordHash, now });
    if (caller.kind === 'mailbox') {
      if (sessionVersion !== undefined) await insertPasswordHistory({ ex: tx, mailboxId: caller.id, passwordHash: row.passwordHash });
      // Mail clients signed in with the old password are cut off too.
      if (sessionVersion !== undefined && row.domain) await queueMailJobs(tx, [kickJob({ id: caller.id, address: row.address, domainId: row.domain.id })]);
    }
    if (sessionVersion === undefined) return fail(conflict());
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: `${caller.kind}.password.changeOwn`,
      targetType: caller.kind,
      targetId: caller.id,
      targetLabel: row.address,
      domain: row.domain,
      details: { forced: row.forcePasswordChange, expired: passwordExpired(row, now) },
    });
    return ok({ sessionVersion });
  });
}

/**
 * The password change Roundcube's password plugin asks for (POST /api/v1/webmail/password, the account
 * signed with its current password): exactly changeOwnPassword, with the new password repeated for it.
 */
export async function changeOwnPasswordFromWebmail({ caller, ip, input, now = new Date() }: Context & { input: unknown }): Promise<ActionResult<{ sessionVersion: number }>> {
  const parsed = webmailPasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { currentPassword, newPassword } = parsed.data;
  return changeOwnPassword({ caller, ip, now, input: { currentPassword, newPassword, confirmPassword: newPassword } });
}

/** Enrolment's last step: a code from the app proves it holds the pending secret; then OTP is on. */
export async function enableOwnOtp({ caller, ip, input, now = new Date() }: Context & { input: unknown }): Promise<ActionResult> {
  const parsed = otpCodeFormSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const row = await loadOwnRow(caller);
  if (!row) return fail(conflict('errors.signedOut'));
  return getDb().transaction(async (tx) => {
    const outcome = await confirmOtpEnrolment(refOf(caller), parsed.data.code, now, tx);
    if (outcome === 'badCode') return fieldError('code', 'security.otp.badCode');
    if (outcome === 'notPending') return fail(refused('security.otp.notPending'));
    // From now on mail clients need app passwords: sessions opened with the account's password end.
    if (caller.kind === 'mailbox' && row.domain) await queueMailJobs(tx, [kickJob({ id: caller.id, address: row.address, domainId: row.domain.id })]);
    await writeAudit(tx, { actor: caller, ip, action: `${caller.kind}.otp.enable`, targetType: caller.kind, targetId: caller.id, targetLabel: row.address, domain: row.domain });
    return ok(undefined);
  });
}

/**
 * OTP off, by the caller: not while the account's policy requires it, and only with a valid code
 * (which also counts towards the sign-in throttle when wrong). Every session ends; returns the new
 * session version for the caller's own new session.
 */
export async function disableOwnOtp({ caller, ip, input, now = new Date() }: Context & { input: unknown }): Promise<ActionResult<{ sessionVersion: number }>> {
  const parsed = otpCodeFormSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const ref = refOf(caller);
  const row = await loadOwnRow(caller);
  const state = await getOtpState({ ex: getDb(), owner: ref });
  if (!row || !state || state.sessionVersion !== caller.sessionVersion) return fail(conflict('errors.signedOut'));
  if (state.required) return fail(refused('security.otp.requiredCannotDisable'));
  if (!state.enabled) return fail(refused('security.otp.notEnabled'));

  const attempt = await beginAttempt({ account: row.address, ip, now });
  if (attempt.throttled) return fail(rateLimited(keyWith('auth.throttled', { minutes: attempt.retryAfterMinutes }), attempt.retryAfterMinutes * 60));
  // The code is checked (and its step used up) on its own: the throttle's writes must not wait on a
  // transaction (the embedded database has one connection).
  if (!(await checkOtpCode(ref, parsed.data.code, now))) {
    await attempt.fail();
    return fieldError('code', 'security.otp.badCode');
  }
  await attempt.neutral();
  return getDb().transaction(async (tx) => {
    const sessionVersion = await clearOtp({ ex: tx, owner: ref });
    if (sessionVersion === null) return fail(conflict('errors.signedOut'));
    await writeAudit(tx, { actor: caller, ip, action: `${caller.kind}.otp.disable`, targetType: caller.kind, targetId: caller.id, targetLabel: row.address, domain: row.domain });
    return ok({ sessionVersion });
  });
}