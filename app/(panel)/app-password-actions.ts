'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { createAccountAppPassword, revokeAccountAppPassword } from '@/lib/app-passwords/manage';
import type { CreatedAppPassword } from '@/lib/app-passwords/own';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

/** An admin or postmaster creates an app password for an account (the account's page); its secret is shown once. */
export async function createAccountAppPasswordAction(mailboxId: number, input: unknown): Promise<ActionResult<CreatedAppPassword>> {
  return runAction(async () => {
    const result = await createAccountAppPassword({ ...(await actionContext({ permission: 'accounts:update' })), mailboxId, input });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}

/** An admin or postmaster revokes one of an account's app passwords (the account's page). */
export async function revokeAccountAppPasswordAction(mailboxId: number, id: number): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const result = await revokeAccountAppPassword({ ...(await actionContext({ permission: 'accounts:update' })), mailboxId, id });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}
