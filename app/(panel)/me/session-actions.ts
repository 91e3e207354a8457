'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { endOtherOwnSessions, endOwnSession } from '@/lib/auth/sessions/own-sessions';
import { runAction } from '@/lib/errors';

// "My settings", Sessions: always the caller's own sessions.

export async function endSessionAction(id: number): Promise<ActionResult<{ id: number }>> {
  return runAction(async () => {
    const result = await endOwnSession({ ...(await actionContext({ permission: 'self:update' })), id: Number(id) });
    if (result.ok) revalidatePath('/me');
    return result;
  });
}

export async function endOtherSessionsAction(): Promise<ActionResult<{ ended: number }>> {
  return runAction(async () => {
    const result = await endOtherOwnSessions(await actionContext({ permission: 'self:update' }));
    if (result.ok) revalidatePath('/me');
    return result;
  });
}
