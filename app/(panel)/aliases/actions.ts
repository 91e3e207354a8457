'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { updateAddressSettings } from '@/lib/aliases/address-settings';
import { createAlias, type CreatedAlias } from '@/lib/aliases/create-alias';
import { deleteAlias, updateAlias } from '@/lib/aliases/update-alias';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';

// The panel's alias forms: the same lib functions (and so the same zod schemas and checks) as the REST API.

export async function createAliasAction(domainId: number, input: unknown): Promise<ActionResult<CreatedAlias>> {
  return runAction(async () => {
    const result = await createAlias({ ...(await actionContext({ permission: 'aliases:create' })), domainId: Number(domainId), input });
    if (result.ok) revalidatePath(`/domains/${domainId}/aliases`);
    return result;
  });
}

/** Description, active switch and targets as a whole (deactivating and activating send the same form). */
export async function updateAliasAction(id: number, input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(async () => {
    const result = await updateAlias({ ...(await actionContext({ permission: 'aliases:update' })), id: Number(id), input });
    if (result.ok) revalidatePath(`/aliases/${id}`);
    return result;
  });
}

export async function deleteAliasAction(id: number): Promise<ActionResult<{ address: string }>> {
  return runAction(async () => deleteAlias({ ...(await actionContext({ permission: 'aliases:delete' })), id: Number(id) }));
}

/** The domain's catch-all account and plus-addressing (issue 17), by those who may manage its aliases. */
export async function updateAddressSettingsAction(domainId: number, input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(async () => {
    const result = await updateAddressSettings({ ...(await actionContext({ permission: 'aliases:update' })), domainId: Number(domainId), input });
    if (result.ok) revalidatePath(`/domains/${domainId}/aliases`);
    return result;
  });
}
