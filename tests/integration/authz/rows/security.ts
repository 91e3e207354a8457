import { changePasswordAction, disableOtpAction, enableOtpAction } from '@/app/security/actions';
import { confirmOtpEnrolment, pendingOtpSecret } from '@/lib/self-service/otp';
import { totpCodeAtStep, totpStep } from '@/lib/auth/totp';
import { row, signedIn, type CallContext } from './types';

// The caller's own password and second factor: every signed-in caller, on itself only.

const ENDPOINT = 'app/security/actions.ts';
const NEW_PASSWORD = 'Quite a fresh secret, 88 geese';

/** A pending OTP secret for the caller (enrolment started), or null when signed out. */
async function startEnrolment({ callerObject }: CallContext<unknown>): Promise<string | null> {
  return callerObject ? pendingOtpSecret({ kind: callerObject.kind, id: callerObject.id }) : null;
}

const codeNow = (secret: string | null) => (secret ? totpCodeAtStep(secret, totpStep(new Date())) : '123456');

export const securityRows = [
  row({
    endpoint: `${ENDPOINT}#changePasswordAction`,
    target: "the caller's own password",
    expect: signedIn(),
    call: ({ world }) => changePasswordAction({ currentPassword: world.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  }),
  row<string | null>({
    endpoint: `${ENDPOINT}#enableOtpAction`,
    target: "the caller's own OTP enrolment",
    expect: signedIn(),
    prepare: startEnrolment,
    call: ({ prepared }) => enableOtpAction({ code: codeNow(prepared) }),
  }),
  row<string | null>({
    endpoint: `${ENDPOINT}#disableOtpAction`,
    target: "the caller's own OTP",
    expect: signedIn(),
    // Enrolled a minute ago, so the current code's step is still unused.
    prepare: async (context) => {
      const secret = await startEnrolment(context);
      const { callerObject, db } = context;
      if (!secret || !callerObject) return secret;
      const then = new Date(Date.now() - 60_000);
      const outcome = await confirmOtpEnrolment({ kind: callerObject.kind, id: callerObject.id }, totpCodeAtStep(secret, totpStep(then)), then, db);
      if (outcome !== 'ok') throw new Error(`OTP enrolment for the set-up failed: ${outcome}`);
      return secret;
    },
    call: ({ prepared }) => disableOtpAction({ code: codeNow(prepared) }),
  }),
];
