'use server';

import { after } from 'next/server';
import type { ActionResult } from '@/lib/action-result';
import { requestPasswordReset, resetPasswordWithToken } from '@/lib/self-service/recovery';
import { runAction } from '@/lib/errors';
import { getClientIp } from '@/lib/request/client-ip';

// Password recovery, signed out. The request answers at once, the same for every address; the message
// (if any) is made and sent after the answer.

export async function forgotPasswordAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { result, delivery } = await requestPasswordReset({ input, ip: await getClientIp() });
    after(delivery);
    return result;
  });
}

export async function resetPasswordAction(token: string, input: unknown): Promise<ActionResult> {
  return runAction(async () => resetPasswordWithToken({ token, input, ip: await getClientIp() }));
}
