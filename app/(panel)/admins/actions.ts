'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { createAdmin, type CreatedAdmin } from '@/lib/admins/create-admin';
import { setAdminActive } from '@/lib/admins/set-admin-active';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

export async function createAdminAction(input: unknown): Promise<ActionResult<CreatedAdmin>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'admins:write' });
    const result = await createAdmin({ caller, ip, input });
    if (result.ok) revalidatePath('/admins');
    return result;
  });
}

export async function setAdminActiveAction(id: number, active: boolean): Promise<ActionResult<{ id: number; email: string; active: boolean }>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'admins:write' });
    const result = await setAdminActive({ caller, ip, id, active });
    if (result.ok) revalidatePath('/admins');
    return result;
  });
}
