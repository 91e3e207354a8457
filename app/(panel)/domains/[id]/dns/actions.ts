'use server';

import { revalidatePath } from 'next/cache';
import { invalid, type ActionResult } from '@/lib/action-result';
import { dkimAlgorithm } from '@/lib/api/schemas/dkim';
import { actionContext } from '@/lib/auth/action-context';
import { activateDkimKey, createDkimKey, stopEd25519Signing } from '@/lib/dkim/dkim-keys';
import type { DkimAlgorithm } from '@/db/schema';
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

/** RSA (every domain's key) or ed25519 (the second signature): anything else is refused as invalid. */
export async function createDkimKeyAction(id: number, algorithm: DkimAlgorithm = 'rsa'): Promise<ActionResult<{ algorithm: DkimAlgorithm; selector: string }>> {
  return runAction(async () => {
    // Permission first: a caller without it learns nothing from its input.
    const context = await actionContext({ permission: 'domains:update' });
    const parsed = dkimAlgorithm.safeParse(algorithm);
    if (!parsed.success) return invalid(parsed.error);
    return refreshed(id, await createDkimKey({ ...context, id: Number(id), algorithm: parsed.data }));
  });
}

export async function activateDkimKeyAction(id: number, algorithm: DkimAlgorithm = 'rsa'): Promise<ActionResult<{ algorithm: DkimAlgorithm; selector: string }>> {
  return runAction(async () => {
    // Permission first: a caller without it learns nothing from its input.
    const context = await actionContext({ permission: 'domains:update' });
    const parsed = dkimAlgorithm.safeParse(algorithm);
    if (!parsed.success) return invalid(parsed.error);
    return refreshed(id, await activateDkimKey({ ...context, id: Number(id), algorithm: parsed.data }));
  });
}

export async function stopEd25519SigningAction(id: number): Promise<ActionResult<{ stopped: boolean }>> {
  return runAction(async () => refreshed(id, await stopEd25519Signing({ ...(await actionContext({ permission: 'domains:update' })), id: Number(id) })));
}
