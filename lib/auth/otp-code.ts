import 'server-only';
import { getDb, type Executor } from '@/db';
import { consumeOtpStep, getOtpState } from '@/db/queries/otp';
import { formatPrincipal, type PrincipalRef } from './caller';
import { decryptOtpSecret, matchTotpStep } from './totp';

/** A code against the account's enabled OTP, within one step of drift, used at most once. */
export async function checkOtpCode(ref: PrincipalRef, code: unknown, now: Date = new Date(), ex: Executor = getDb()): Promise<boolean> {
  const state = await getOtpState({ ex, owner: ref });
  if (!state?.enabled || !state.secretEnc) return false;
  const secret = decryptOtpSecret(state.secretEnc, formatPrincipal(ref));
  if (!secret) return false;
  const step = matchTotpStep(secret, code, now);
  return step !== null && (await consumeOtpStep({ ex, owner: ref, step }));
}
