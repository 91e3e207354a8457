import 'server-only';
import type { Executor } from '@/db';
import { getAliasDomain, getAliasRow, lockAliasDomain } from '@/db/queries/aliases';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain, type Action } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { forbidden, notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

type AliasAction = Extract<Action, `aliases:${string}`>;

/** The row, when the caller may do `action` on its domain: notFound out of reach, forbidden when the domain's switch is off for a postmaster. */
function reachable<R extends { pmCanManageAliases: boolean }>(caller: Caller, action: AliasAction, row: R | undefined): R {
  if (!row) throw notFound();
  if (!canOnDomain(caller, action, row)) throw forbidden();
  return row;
}

/** A domain in the caller's reach for an alias page or list (unlocked); as lockDomainForAliases otherwise. */
export async function readAliasDomain({ ex, caller, domainId, action }: { ex: Executor; caller: Caller; domainId: number; action: AliasAction }) {
  assertCan(caller, action);
  return reachable(caller, action, isRowId(domainId) ? await getAliasDomain({ ex, scope: domainScope(caller), id: domainId }) : undefined);
}

/** A domain in the caller's reach, locked for an alias write; forbidden for a postmaster the domain does not let manage aliases. */
export async function lockDomainForAliases({ ex, caller, domainId, action }: { ex: Executor; caller: Caller; domainId: number; action: AliasAction }) {
  assertCan(caller, action);
  return reachable(caller, action, isRowId(domainId) ? await lockAliasDomain({ ex, scope: domainScope(caller), id: domainId }) : undefined);
}

/** An alias in the caller's reach (FOR UPDATE for a write); forbidden as above. */
export async function loadAlias({ ex, caller, id, action, forUpdate = false }: { ex: Executor; caller: Caller; id: number; action: AliasAction; forUpdate?: boolean }) {
  assertCan(caller, action);
  return reachable(caller, action, isRowId(id) ? await getAliasRow({ ex, scope: domainScope(caller), id, forUpdate }) : undefined);
}
