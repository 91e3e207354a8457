import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';

// The OTP columns are the same on admins and mailboxes (otp_secret_enc, otp_enabled_at, otp_last_step).
// OTP is "on" when otp_enabled_at is set; a secret without it is an enrolment not yet confirmed.

/** The account whose OTP columns are read or written. */
export type OtpOwner = { kind: 'admin' | 'mailbox'; id: number };

function tableOf(owner: OtpOwner) {
  return sql.identifier(owner.kind === 'admin' ? 'admins' : 'mailboxes');
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type OtpState = {
  secretEnc: string | null;
  enabled: boolean;
  /** A mailbox: its policy says OTP is required; an admin: the panel requires it of every admin. */
  required: boolean;
  sessionVersion: number;
};

export async function getOtpState({ ex, owner }: { ex: Executor; owner: OtpOwner }): Promise<OtpState | null> {
  const required = owner.kind === 'mailbox' ? sql`otp_required` : sql`coalesce((select admin_otp_required from panel_settings where id = 1), false)`;
  const result = await ex.execute(sql`
    select otp_secret_enc, otp_enabled_at is not null as enabled, ${required} as required, session_version
    from ${tableOf(owner)} where id = ${owner.id}`);
  const [row] = rowsOf<{ otp_secret_enc: string | null; enabled: boolean; required: boolean; session_version: number | string }>(result);
  if (!row) return null;
  return { secretEnc: row.otp_secret_enc, enabled: Boolean(row.enabled), required: Boolean(row.required), sessionVersion: Number(row.session_version) };
}

/**
 * Marks `step` used, only if it is later than the last step used: a code is accepted once, and a code
 * of an earlier step never again. One statement, so two requests with the same code cannot both win.
 */
export async function consumeOtpStep({ ex, owner, step }: { ex: Executor; owner: OtpOwner; step: number }): Promise<boolean> {
  const result = await ex.execute(sql`
    update ${tableOf(owner)} set otp_last_step = ${step}
    where id = ${owner.id} and otp_enabled_at is not null and (otp_last_step is null or otp_last_step < ${step})
    returning id`);
  return rowsOf(result).length === 1;
}

/**
 * Stores a pending (not yet confirmed) secret, only over `previousEnc` (null: over nothing) and while
 * OTP is off, so two tabs opening the enrolment page agree on one secret. False when another won.
 */
export async function storePendingOtpSecret({
  ex,
  owner,
  secretEnc,
  previousEnc,
}: {
  ex: Executor;
  owner: OtpOwner;
  secretEnc: string;
  previousEnc: string | null;
}): Promise<boolean> {
  const previous = previousEnc === null ? sql`otp_secret_enc is null` : sql`otp_secret_enc = ${previousEnc}`;
  const result = await ex.execute(sql`
    update ${tableOf(owner)} set otp_secret_enc = ${secretEnc}, otp_last_step = null
    where id = ${owner.id} and otp_enabled_at is null and ${previous} returning id`);
  return rowsOf(result).length === 1;
}

/**
 * Turns OTP on over the pending secret `secretEnc` (unless it changed meanwhile), with `step` stored as
 * used. False when the enrolment is no longer pending.
 */
export async function enableOtp({ ex, owner, secretEnc, step, now }: { ex: Executor; owner: OtpOwner; secretEnc: string; step: number; now: Date }): Promise<boolean> {
  const result = await ex.execute(sql`
    update ${tableOf(owner)} set otp_enabled_at = ${now.toISOString()}::timestamptz, otp_last_step = ${step}
    where id = ${owner.id} and otp_enabled_at is null and otp_secret_enc = ${secretEnc} returning id`);
  return rowsOf(result).length === 1;
}

/**
 * OTP off: the secret is gone and the session version moves on, so every session of the account ends
 * (an OTP reset must not leave a session signed in with the old factor). Returns the new session version.
 */
export async function clearOtp({ ex, owner }: { ex: Executor; owner: OtpOwner }): Promise<number | null> {
  const result = await ex.execute(sql`
    update ${tableOf(owner)} set otp_secret_enc = null, otp_enabled_at = null, otp_last_step = null,
      session_version = session_version + 1, version = version + 1, updated_at = now()
    where id = ${owner.id} returning session_version`);
  const [row] = rowsOf<{ session_version: number | string }>(result);
  return row ? Number(row.session_version) : null;
}
