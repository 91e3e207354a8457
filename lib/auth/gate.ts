// What a signed-in account must do before it may use anything else. Pure: shared by the guard,
// the pages and the tests.

/** changePassword: forced ("first login", "next login") or expired. enrolOtp: OTP forced, not set up yet. */
export type Gate = 'changePassword' | 'enrolOtp';

/** The one page each gate lets through. */
export const GATE_PATHS: Record<Gate, string> = {
  changePassword: '/security/password',
  enrolOtp: '/security/otp',
};

/** `months` after `from`, on the same day of the month or the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** When the password expires (3, 6 or 12 months after its last change), or null when it never does. */
export function passwordExpiresAt(changedAt: Date, expiryMonths: number): Date | null {
  return expiryMonths > 0 ? addMonths(changedAt, expiryMonths) : null;
}

export type PolicyState = {
  forcePasswordChange: boolean;
  passwordExpiryMonths: number;
  passwordChangedAt: Date;
  otpRequired: boolean;
  otpEnabled: boolean;
};

export function passwordExpired(state: Pick<PolicyState, 'passwordChangedAt' | 'passwordExpiryMonths'>, now: Date): boolean {
  const expires = passwordExpiresAt(state.passwordChangedAt, state.passwordExpiryMonths);
  return expires !== null && expires.getTime() <= now.getTime();
}

export function mustChangePassword(state: Pick<PolicyState, 'forcePasswordChange' | 'passwordChangedAt' | 'passwordExpiryMonths'>, now: Date): boolean {
  return state.forcePasswordChange || passwordExpired(state, now);
}

/**
 * The gate in force, if any. The password comes first (it may be one an admin handed over), then the
 * second factor: an account with both sees the change page, then enrolment, then the panel.
 */
export function gateFor(state: PolicyState, now: Date): Gate | undefined {
  if (mustChangePassword(state, now)) return 'changePassword';
  if (state.otpRequired && !state.otpEnabled) return 'enrolOtp';
  return undefined;
}
