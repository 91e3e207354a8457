'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { deleteAccount } from '@/lib/accounts/lifecycle/delete-account';
import { setAccountActive } from '@/lib/accounts/lifecycle/set-account-active';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

// The account shows in several pages (the domain's list, the cross-domain list, its own page, the
// domain's totals): revalidate them all.

export async function setAccountActiveAction(id: number, active: boolean): Promise<ActionResult<{ active: boolean; version: number }>> {
  return runAction(async () => {
    const result = await setAccountActive({ ...(await actionContext({ permission: 'accounts:toggle' })), id: Number(id), active: active === true });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}

export async function deleteAccountAction(id: number, input: unknown): Promise<ActionResult<{ address: string; domainId: number }>> {
  return runAction(async () => {
    const result = await deleteAccount({ ...(await actionContext({ permission: 'accounts:delete' })), id: Number(id), input });
    if (result.ok) revalidatePath('/', 'layout');
    return result;
  });
}
