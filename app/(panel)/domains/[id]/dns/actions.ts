'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { activateDkimKey, createDkimKey } from '@/lib/dkim/dkim-keys';
import type { DnsCheckStatus } from '@/db/schema';
import { checkDomainDns } from '@/lib/dns/check-domain-dns';
import { runAction } from '@/lib/errors';

async function refreshed<T>(id: number, result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) revalidatePath(`/domains/${id}/dns`);
  return result;
}

export async function checkDomainDnsAction(id: number): Promise<ActionResult<{ status: DnsCheckStatus }>> {
  return runAction(async () => refreshed(id, await checkDomainDns({ ...(await actionContext({ permission: 'domains:update' })), id: Number(id) })));
}

export async function createDkimKeyAction(id: number): Promise<ActionResult<{ selector: string }>> {
  return runAction(async () => refreshed(id, await createDkimKey({ ...(await actionContext({ permission: 'domains:update' })), id: Number(id) })));
}

export async function activateDkimKeyAction(id: number): Promise<ActionResult<{ selector: string }>> {
  return runAction(async () => refreshed(id, await activateDkimKey({ ...(await actionContext({ permission: 'domains:update' })), id: Number(id) })));
}
