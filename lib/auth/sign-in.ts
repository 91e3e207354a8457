import 'server-only';
import { getDb } from '@/db';
import { countSignIn } from '@/lib/ops/metrics/sign-in';
import { formatPrincipal } from './caller';
import { loadCaller } from './load-caller';
import { checkOtpCode } from './otp-code';
import { issuePendingToken, readPendingToken } from './pending-token';
import type { SignInError } from './sign-in-errors';
import { beginAttempt } from './throttle';
import { trustedDevice } from './trusted-device';
import { checkPassword, normalizeIdentifier, recordSignIn } from './verify-credentials';

// The two steps of signing in, behind next-auth's Credentials provider (lib/auth/options.ts):
//   1. identifier + password → signed in, or (OTP on) a "second factor pending" token;
//   2. pending token + code → signed in.
// Both steps are throttled (lib/auth/throttle.ts; a trusted device, lib/auth/trusted-device.ts, passes
// the account's ceiling); every refusal of step 1 is the same
// "invalid", whether the address exists, the password is wrong, the account is inactive or the
// caller's address is not allowed.

export type SignInContext = {
  ip: string | null;
  now?: Date;
  /** The device cookie the request carries, if any (lib/auth/device-cookie.ts). */
  device?: string | null;
};

/**
 * Step 2 only: `badCode` — wrong, or used already; `restart` — the pending token is altered or
 * expired, or the account changed since step 1.
 */
export type SignInResult = { ok: true; principal: string; sessionVersion: number } | { ok: false; error: SignInError };

const refused = (error: SignInError): SignInResult => ({ ok: false, error });

/** Step 1 (counted in the sign-in metrics, lib/ops/metrics/sign-in.ts). */
export async function signInWithPassword(credentials: { identifier: string; password: string }, context: SignInContext): Promise<SignInResult> {
  return countSignIn('password', await passwordStep(credentials, context));
}

/** Step 2 (counted in the sign-in metrics). */
export async function signInWithCode(step: { pendingToken: string; code: string }, context: SignInContext): Promise<SignInResult> {
  return countSignIn('code', await codeStep(step, context));
}

async function passwordStep(
  { identifier, password }: { identifier: string; password: string },
  { ip, now = new Date(), device = null }: SignInContext,
): Promise<SignInResult> {
  const account = normalizeIdentifier(identifier);
  const attempt = await beginAttempt({ account, ip, now, device: await trustedDevice({ cookie: device, account, now }) });
  if (attempt.throttled) return refused({ code: 'throttled', minutes: attempt.retryAfterMinutes });
  try {
    const checked = await checkPassword(account, password, ip);
    if (!checked) {
      await attempt.fail();
      return refused({ code: 'invalid' });
    }
    if (checked === 'webmailOff') {
      // The right password, so not a failure; no sign-in either.
      await attempt.neutral();
      return refused({ code: 'webmailOff' });
    }
    if (checked.otpEnabled) {
      // Not a success yet: the account's count is kept until the code step succeeds, or a known
      // password would buy endless code guesses.
      await attempt.neutral();
      const pendingToken = issuePendingToken({ principal: checked.principal, sessionVersion: checked.sessionVersion, account }, now.getTime());
      return refused({ code: 'otp', pendingToken });
    }
    await attempt.succeed();
    await recordSignIn(checked.ref);
    return { ok: true, principal: checked.principal, sessionVersion: checked.sessionVersion };
  } catch (error) {
    await attempt.fail().catch(() => {});
    throw error;
  }
}

async function codeStep({ pendingToken, code }: { pendingToken: string; code: string }, { ip, now = new Date(), device = null }: SignInContext): Promise<SignInResult> {
  const pending = readPendingToken(pendingToken, now.getTime());
  if (!pending) return refused({ code: 'restart' });
  const attempt = await beginAttempt({ account: pending.account, ip, now, device: await trustedDevice({ cookie: device, account: pending.account, now }) });
  if (attempt.throttled) return refused({ code: 'throttled', minutes: attempt.retryAfterMinutes });
  try {
    // The account as it is now: still active, same session version (no password change or OTP
    // reset since step 1), the caller's address still allowed.
    const caller = await loadCaller(pending.ref, pending.sessionVersion, { ip, now });
    if (!caller) {
      await attempt.fail();
      return refused({ code: 'restart' });
    }
    if (!(await checkOtpCode(pending.ref, code, now, getDb()))) {
      await attempt.fail();
      return refused({ code: 'badCode' });
    }
    await attempt.succeed();
    await recordSignIn(pending.ref);
    return { ok: true, principal: formatPrincipal(pending.ref), sessionVersion: pending.sessionVersion };
  } catch (error) {
    await attempt.fail().catch(() => {});
    throw error;
  }
}
