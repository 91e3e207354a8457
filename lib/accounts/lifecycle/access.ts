import 'server-only';
import { getAccountLifecycleRow, type AccountLifecycleRow } from '@/db/queries/account-lifecycle';
import type { Executor } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

/**
 * The account as the caller may see it, or a notFound failure: a bad id, a mailbox outside the caller's
 * domain scope, or the domain's postmaster mailbox (it is no "account": it goes with its domain).
 */
export async function loadAccount({ ex, caller, id, forUpdate = false }: { ex: Executor; caller: Caller; id: number; forUpdate?: boolean }): Promise<AccountLifecycleRow> {
  const row = isRowId(id) ? await getAccountLifecycleRow({ ex, scope: domainScope(caller), id, forUpdate }) : undefined;
  if (!row || row.mailbox.isPostmaster) throw notFound();
  return row;
}

