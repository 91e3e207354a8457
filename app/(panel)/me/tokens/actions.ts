'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { createApiToken, type CreatedApiToken } from '@/lib/api-tokens/create-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-token';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

/** A new token for the caller: the secret comes back once, for the page to show once. */
export async function createApiTokenAction(input: unknown): Promise<ActionResult<Pick<CreatedApiToken, 'name' | 'token'>>> {
  return runAction(async () => {
    const result = await createApiToken({ ...(await actionContext({ permission: 'self:update' })), input });
    if (!result.ok) return result;
    revalidatePath('/me/tokens');
    return { ok: true, data: { name: result.data.name, token: result.data.token } };
  });
}

export async function revokeApiTokenAction(id: number): Promise<ActionResult<{ id: number }>> {
  return runAction(async () => {
    const result = await revokeApiToken({ ...(await actionContext({ permission: 'self:update' })), id: Number(id) });
    if (result.ok) revalidatePath('/me/tokens');
    return result;
  });
}
