import 'server-only';
import { getDb, type Transaction } from '@/db';
import { getDomainRow } from '@/db/queries/domains';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, type Action } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

/** The domain under the caller's scope, locked for the transaction's write; notFound when out of reach. */
export async function lockDomain(tx: Transaction, caller: Caller, id: number, action: Action) {
  assertCan(caller, action);
  const row = isRowId(id) ? await getDomainRow({ ex: tx, scope: domainScope(caller), id, forUpdate: true }) : undefined;
  if (!row) throw notFound();
  return row;
}

/** The domain, read (not locked) under the caller's scope; notFound when out of reach. The caller's permission is checked by its use case. */
export async function scopedDomain(caller: Caller, id: number) {
  const row = isRowId(id) ? await getDomainRow({ ex: getDb(), scope: domainScope(caller), id }) : undefined;
  if (!row) throw notFound();
  return row.domain;
}
