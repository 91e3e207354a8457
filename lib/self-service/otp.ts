import { sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db';
import { formatPrincipal, type PrincipalRef } from '@/lib/auth/caller';
import { decryptOtpSecret, encryptOtpSecret, generateOtpSecret, matchTotpStep } from '@/lib/auth/totp';

// The OTP columns are the same on admins and mailboxes (otp_secret_enc, otp_enabled_at, otp_last_step).
// OTP is "on" when otp_enabled_at is set; a secret without it is an enrolment not yet confirmed.

function tableOf(ref: PrincipalRef) {
  return sql.identifier(ref.kind === 'admin' ? 'admins' : 'mailboxes');
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type OtpState = {
  secretEnc: string | null;
  enabled: boolean;
  /** Mailboxes only: the account's policy says OTP is required (admins: never). */
  required: boolean;
  sessionVersion: number;
};

export async function getOtpState(ref: PrincipalRef, ex: Executor = getDb()): Promise<OtpState | null> {
  const required = ref.kind === 'mailbox' ? sql`otp_required` : sql`false`;
  const result = await ex.execute(sql`
    select otp_secret_enc, otp_enabled_at is not null as enabled, ${required} as required, session_version
    from ${tableOf(ref)} where id = ${ref.id}`);
  const [row] = rowsOf<{ otp_secret_enc: string | null; enabled: boolean; required: boolean; session_version: number | string }>(result);
  if (!row) return null;
  return { secretEnc: row.otp_secret_enc, enabled: Boolean(row.enabled), required: Boolean(row.required), sessionVersion: Number(row.session_version) };
}

/**
 * Marks `step` used, only if it is later than the last step used: a code is accepted once, and a code
 * of an earlier step never again. One statement, so two requests with the same code cannot both win.
 */
export async function consumeOtpStep(ref: PrincipalRef, step: number, ex: Executor = getDb()): Promise<boolean> {
  const result = await ex.execute(sql`
    update ${tableOf(ref)} set otp_last_step = ${step}
    where id = ${ref.id} and otp_enabled_at is not null and (otp_last_step is null or otp_last_step < ${step})
    returning id`);
  return rowsOf(result).length === 1;
}

/** A code against the account's enabled OTP, within one step of drift, used at most once. */
export async function checkOtpCode(ref: PrincipalRef, code: unknown, now: Date = new Date(), ex: Executor = getDb()): Promise<boolean> {
  const state = await getOtpState(ref, ex);
  if (!state?.enabled || !state.secretEnc) return false;
  const secret = decryptOtpSecret(state.secretEnc, formatPrincipal(ref));
  if (!secret) return false;
  const step = matchTotpStep(secret, code, now);
  return step !== null && (await consumeOtpStep(ref, step, ex));
}

/**
 * The secret to enrol with: the pending one if enrolment was started before (so reloading the page
 * keeps the QR code the app scanned), else a new one stored encrypted. Null when OTP is already on.
 */
export async function pendingOtpSecret(ref: PrincipalRef): Promise<string | null> {
  const principal = formatPrincipal(ref);
  for (let attempt = 0; attempt < 2; attempt++) {
    const state = await getOtpState(ref);
    if (!state || state.enabled) return null;
    const existing = state.secretEnc ? decryptOtpSecret(state.secretEnc, principal) : null;
    if (existing) return existing;
    const secret = generateOtpSecret();
    const enc = encryptOtpSecret(secret, principal);
    // Only over nothing (or over a value this server cannot read): two tabs opening the page agree on one secret.
    const previous = state.secretEnc === null ? sql`otp_secret_enc is null` : sql`otp_secret_enc = ${state.secretEnc}`;
    const result = await getDb().execute(sql`
      update ${tableOf(ref)} set otp_secret_enc = ${enc}, otp_last_step = null
      where id = ${ref.id} and otp_enabled_at is null and ${previous} returning id`);
    if (rowsOf(result).length === 1) return secret;
  }
  return null;
}

/**
 * Turns OTP on once a code from the pending secret proves the app has it. The confirming code's step
 * is stored as used, so the same code cannot also sign in.
 */
export async function confirmOtpEnrolment(ref: PrincipalRef, code: unknown, now: Date, ex: Executor): Promise<'ok' | 'badCode' | 'notPending'> {
  const state = await getOtpState(ref, ex);
  if (!state || state.enabled || !state.secretEnc) return 'notPending';
  const secret = decryptOtpSecret(state.secretEnc, formatPrincipal(ref));
  if (!secret) return 'notPending';
  const step = matchTotpStep(secret, code, now);
  if (step === null) return 'badCode';
  const result = await ex.execute(sql`
    update ${tableOf(ref)} set otp_enabled_at = ${now.toISOString()}::timestamptz, otp_last_step = ${step}
    where id = ${ref.id} and otp_enabled_at is null and otp_secret_enc = ${state.secretEnc} returning id`);
  return rowsOf(result).length === 1 ? 'ok' : 'notPending';
}

/**
 * OTP off: the secret is gone and the session version moves on, so every session of the account ends
 * (an OTP reset must not leave a session signed in with the old factor). Returns the new session version.
 */
export async function clearOtp(ref: PrincipalRef, ex: Executor): Promise<number | null> {
  const result = await ex.execute(sql`
    update ${tableOf(ref)} set otp_secret_enc = null, otp_enabled_at = null, otp_last_step = null,
      session_version = session_version + 1, version = version + 1, updated_at = now()
    where id = ${ref.id} returning session_version`);
  const [row] = rowsOf<{ session_version: number | string }>(result);
  return row ? Number(row.session_version) : null;
}
