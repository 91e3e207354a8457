import 'server-only';
import { getDb, type Executor } from '@/db';
import { enableOtp, getOtpState, storePendingOtpSecret } from '@/db/queries/otp';
import { formatPrincipal, type PrincipalRef } from '@/lib/auth/caller';
import { decryptOtpSecret, encryptOtpSecret, generateOtpSecret, matchTotpStep } from '@/lib/auth/totp';

// OTP enrolment: a pending secret (shown as a QR code) until a code from the app confirms it. Checking
// a code at sign-in is lib/auth/otp-code.ts; the columns' queries are db/queries/otp.ts.

/**
 * The secret to enrol with: the pending one if enrolment was started before (so reloading the page
 * keeps the QR code the app scanned), else a new one stored encrypted. Null when OTP is already on.
 */
export async function pendingOtpSecret(ref: PrincipalRef): Promise<string | null> {
  const principal = formatPrincipal(ref);
  for (let attempt = 0; attempt < 2; attempt++) {
    const state = await getOtpState({ ex: getDb(), owner: ref });
    if (!state || state.enabled) return null;
    const existing = state.secretEnc ? decryptOtpSecret(state.secretEnc, principal) : null;
    if (existing) return existing;
    const secret = generateOtpSecret();
    const secretEnc = encryptOtpSecret(secret, principal);
    // Only over nothing (or over a value this server cannot read): two tabs opening the page agree on one secret.
    if (await storePendingOtpSecret({ ex: getDb(), owner: ref, secretEnc, previousEnc: state.secretEnc })) return secret;
  }
  return null;
}

/**
 * Turns OTP on once a code from the pending secret proves the app has it. The confirming code's step
 * is stored as used, so the same code cannot also sign in.
 */
export async function confirmOtpEnrolment(ref: PrincipalRef, code: unknown, now: Date, ex: Executor): Promise<'ok' | 'badCode' | 'notPending'> {
  const state = await getOtpState({ ex, owner: ref });
  if (!state || state.enabled || !state.secretEnc) return 'notPending';
  const secret = decryptOtpSecret(state.secretEnc, formatPrincipal(ref));
  if (!secret) return 'notPending';
  const step = matchTotpStep(secret, code, now);
  if (step === null) return 'badCode';
  return (await enableOtp({ ex, owner: ref, secretEnc: state.secretEnc, step, now })) ? 'ok' : 'notPending';
}
