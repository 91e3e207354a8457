'use server';

import { ok, type ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { formatPrincipal } from '@/lib/auth/caller';
import { changeOwnPassword, disableOwnOtp, enableOwnOtp } from '@/lib/self-service/own-security';
import { reissueSession } from '@/lib/auth/session-cookie';
import { runAction } from '@/lib/errors';

// The caller's own password and OTP. These are the only actions a gated caller may run: each one the
// actions of its own gate.

export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const context = await actionContext({ permission: 'self:update', allowGate: 'changePassword' });
    const result = await changeOwnPassword({ ...context, input });
    if (!result.ok) return result;
    // Every session of the account ended with the change; this browser gets a new one.
    await reissueSession(formatPrincipal(context.caller), result.data.sessionVersion);
    return ok(undefined);
  });
}

export async function enableOtpAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => enableOwnOtp({ ...(await actionContext({ permission: 'self:update', allowGate: 'enrolOtp' })), input }));
}

export async function disableOtpAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const context = await actionContext({ permission: 'self:update' });
    const result = await disableOwnOtp({ ...context, input });
    if (!result.ok) return result;
    await reissueSession(formatPrincipal(context.caller), result.data.sessionVersion);
    return ok(undefined);
  });
}
