import 'server-only';
import { getDb } from '@/db';
import { getBulkDomain } from '@/db/queries/account-bulk';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

/** What the bulk bar offers in a domain: its plan's storage options. The action checks everything again. */
export async function getBulkOptions({ caller, domainId }: { caller: Caller; domainId: number }): Promise<{ storageOptionsBytes: number[] }> {
  assertCan(caller, 'accounts:read');
  if (!isRowId(domainId)) throw notFound();
  const found = await getBulkDomain({ ex: getDb(), scope: domainScope(caller), id: domainId });
  if (!found) throw notFound();
  return { storageOptionsBytes: [...found.plan.storageOptionsBytes].sort((a, b) => a - b) };
}
