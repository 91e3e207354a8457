import { Counter } from 'prom-client';
import { processMetric } from './registry';

// Sign-in refusals (lib/auth/sign-in.ts): a climbing failure rate is someone guessing; throttles say the
// lock-out (lib/auth/throttle.ts) is holding them. Labels are fixed words, never an address.

export type SignInStep = 'password' | 'code';

export const signInFailures = () =>
  processMetric(
    'sign_in_failures',
    (registry) =>
      new Counter({
        name: 'mailpanel_sign_in_failures_total',
        help: 'Sign-in attempts refused, by step (password, code) and reason (invalid: wrong credentials or no such account; badCode; restart: the pending sign-in expired or the account changed).',
        labelNames: ['step', 'reason'],
        registers: [registry],
      }),
  );

export const signInThrottles = () =>
  processMetric(
    'sign_in_throttles',
    (registry) =>
      new Counter({
        name: 'mailpanel_sign_in_throttled_total',
        help: 'Sign-in attempts refused unchecked because the account, address or device is locked out, by step.',
        labelNames: ['step'],
        registers: [registry],
      }),
  );

const FAILURES = new Set(['invalid', 'badCode', 'restart']);

/** Counts a step's outcome: failures and throttles; success, the OTP step to come and Webmail-off are neither. */
export function countSignIn<R extends { ok: boolean; error?: { code: string } }>(step: SignInStep, result: R): R {
  const code = result.ok ? null : result.error?.code;
  if (code === 'throttled') signInThrottles().inc({ step });
  else if (code && FAILURES.has(code)) signInFailures().inc({ step, reason: code });
  return result;
}

/** Makes the families exist, at 0, before the first refusal (a rate over a missing series is no rate). */
export function registerSignInMetrics(): void {
  for (const step of ['password', 'code'] as const) {
    signInThrottles().inc({ step }, 0);
    for (const reason of step === 'password' ? ['invalid'] : ['badCode', 'restart']) signInFailures().inc({ step, reason }, 0);
  }
}
