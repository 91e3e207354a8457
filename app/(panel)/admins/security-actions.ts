'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { setAdminAllowedIps, setAdminOtpRequired } from '@/lib/admins/admin-security';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

// How admins sign in (the superadmin's): apart from actions.ts, so the new-admin form does not pull
// these messages into its page.
export async function setAdminAllowedIpsAction(input: unknown): Promise<ActionResult<{ allowedIps: string[] }>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'admins:write' });
    const result = await setAdminAllowedIps({ caller, ip, input });
    if (result.ok) revalidatePath('/admins');
    return result;
  });
}

export async function setAdminOtpRequiredAction(input: unknown): Promise<ActionResult<{ required: boolean }>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'admins:write' });
    const result = await setAdminOtpRequired({ caller, ip, input });
    if (result.ok) revalidatePath('/admins');
    return result;
  });
}
