'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { createOwnAppPassword, revokeOwnAppPassword, type CreatedAppPassword } from '@/lib/app-passwords/own';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

export async function createOwnAppPasswordAction(input: unknown): Promise<ActionResult<CreatedAppPassword>> {
  return runAction(async () => {
    const result = await createOwnAppPassword({ ...(await actionContext({ permission: 'self:update' })), input });
    if (result.ok) revalidatePath('/me');
    return result;
  });
}

export async function revokeOwnAppPasswordAction(id: number): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const result = await revokeOwnAppPassword({ ...(await actionContext({ permission: 'self:update' })), id });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}
