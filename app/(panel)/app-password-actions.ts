'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { revokeAccountAppPassword } from '@/lib/app-passwords/manage';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

/** An admin or postmaster revokes one of an account's app passwords (the account's page). */
export async function revokeAccountAppPasswordAction(mailboxId: number, id: number): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const result = await revokeAccountAppPassword({ ...(await actionContext({ permission: 'accounts:update' })), mailboxId, id });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}
