'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import type { AliasDomainRow } from '@/db/queries/alias-domains';
import { actionContext } from '@/lib/auth/action-context';
import { addAliasDomain, removeAliasDomain } from '@/lib/alias-domains/alias-domains';
import { addDomain, type AddedDomain } from '@/lib/domains/add-domain';
import { deleteDomain, setDomainActive, updateDomainSettings } from '@/lib/domains/update-domain';
import { runAction } from '@/lib/errors';

export async function addDomainAction(input: unknown): Promise<ActionResult<AddedDomain>> {
  return runAction(async () => addDomain({ ...(await actionContext({ permission: 'domains:create' })), input }));
}

export async function updateDomainSettingsAction(id: number, input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(async () => {
    const result = await updateDomainSettings({ ...(await actionContext({ permission: 'domains:update' })), id: Number(id), input });
    if (result.ok) revalidatePath(`/domains/${id}`);
    return result;
  });
}

export async function setDomainActiveAction(id: number, active: boolean): Promise<ActionResult<{ active: boolean }>> {
  return runAction(async () => {
    const result = await setDomainActive({ ...(await actionContext({ permission: 'domains:update' })), id: Number(id), active: active === true });
    if (result.ok) revalidatePath(`/domains/${id}`);
    return result;
  });
}

export async function deleteDomainAction(id: number, input: unknown): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => deleteDomain({ ...(await actionContext({ permission: 'domains:delete' })), id: Number(id), input }));
}

/** Alias domains of a domain (issue 17, point 4): the same lib functions as the REST API. */
export async function addAliasDomainAction(id: number, input: unknown): Promise<ActionResult<AliasDomainRow>> {
  return runAction(async () => {
    const result = await addAliasDomain({ ...(await actionContext({ permission: 'domains:update' })), domainId: Number(id), input });
    if (result.ok) revalidatePath(`/domains/${id}`);
    return result;
  });
}

export async function removeAliasDomainAction(aliasDomainId: number): Promise<ActionResult<{ name: string; domainId: number }>> {
  return runAction(async () => {
    const result = await removeAliasDomain({ ...(await actionContext({ permission: 'domains:update' })), id: Number(aliasDomainId) });
    if (result.ok) revalidatePath(`/domains/${result.data.domainId}`);
    return result;
  });
}
