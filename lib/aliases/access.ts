import 'server-only';
import type { Executor } from '@/db';
import { getAliasRow, lockAliasDomain } from '@/db/queries/aliases';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain, type Action } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { forbidden, notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

type AliasAction = Extract<Action, `aliases:${string}`>;

/** A domain in the caller's reach, locked for an alias write; forbidden for a postmaster the domain does not let manage aliases. */
export async function lockDomainForAliases({ ex, caller, domainId, action }: { ex: Executor; caller: Caller; domainId: number; action: AliasAction }) {
  assertCan(caller, action);
  const domain = isRowId(domainId) ? await lockAliasDomain({ ex, scope: domainScope(caller), id: domainId }) : undefined;
  if (!domain) throw notFound();
  if (!canOnDomain(caller, action, domain)) throw forbidden();
  return domain;
}

/** An alias in the caller's reach (FOR UPDATE for a write); forbidden as above. */
export async function loadAlias({ ex, caller, id, action, forUpdate = false }: { ex: Executor; caller: Caller; id: number; action: AliasAction; forUpdate?: boolean }) {
  assertCan(caller, action);
  const alias = isRowId(id) ? await getAliasRow({ ex, scope: domainScope(caller), id, forUpdate }) : undefined;
  if (!alias) throw notFound();
  if (!canOnDomain(caller, action, alias)) throw forbidden();
  return alias;
}
