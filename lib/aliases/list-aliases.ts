import 'server-only';
import { getDb } from '@/db';
import { getAliasDomain, getAliasRow, listAliasRows, type AliasSort } from '@/db/queries/aliases';
import { accountSearchPatterns } from '@/lib/accounts/search-patterns';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { forbidden, notFound } from '@/lib/failure';
import { offsetOf, type PageQuery } from '@/lib/pagination';
import { isRowId } from '@/lib/validations/common';

export type AliasListRow = {
  id: number;
  domainId: number;
  domainName: string;
  address: string;
  description: string;
  active: boolean;
  /** Mail is taken: the alias and its domain are active. */
  receiving: boolean;
  targets: string[];
};

export type AliasList = { rows: AliasListRow[]; total: number; page: number; pageSize: number };

/**
 * One page of aliases: of one domain (`domainId`, notFound when out of reach), or of every domain the
 * caller reaches (a postmaster: its own). A postmaster whose domain does not let it manage aliases sees none.
 */
export async function listAliases({ caller, query, domainId }: { caller: Caller; query: PageQuery<AliasSort>; domainId?: number }): Promise<AliasList> {
  assertCan(caller, 'aliases:read');
  if (domainId !== undefined && !isRowId(domainId)) throw notFound();
  const ex = getDb();
  const scope = domainScope(caller);
  // A postmaster's list is its domain's; the switch decides whether aliases are its business.
  const checked = domainId ?? (caller.role === 'postmaster' ? caller.domainId : undefined);
  if (checked !== undefined) {
    const domain = await getAliasDomain({ ex, scope, id: checked });
    if (!domain) throw notFound();
    if (!canOnDomain(caller, 'aliases:read', domain)) throw forbidden();
  }
  const { rows, total } = await listAliasRows({
    ex,
    scope,
    domainId: domainId ?? null,
    patterns: accountSearchPatterns(query.q),
    sort: query.sort,
    dir: query.dir,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  return {
    rows: rows.map((row) => ({
      id: row.id,
      domainId: row.domainId,
      domainName: row.domainName,
      address: row.address,
      description: row.description,
      active: row.active,
      receiving: row.active && row.domainActive,
      targets: row.targets,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export type AliasDetail = AliasListRow & { version: number; createdAt: Date; updatedAt: Date };

/** One alias in the caller's reach. */
export async function getAlias({ caller, id }: { caller: Caller; id: number }): Promise<AliasDetail> {
  assertCan(caller, 'aliases:read');
  const row = isRowId(id) ? await getAliasRow({ ex: getDb(), scope: domainScope(caller), id }) : undefined;
  if (!row) throw notFound();
  if (!canOnDomain(caller, 'aliases:read', row)) throw forbidden();
  return {
    id: row.id,
    domainId: row.domainId,
    domainName: row.domainName,
    address: row.address,
    description: row.description,
    active: row.active,
    receiving: row.active && row.domainActive,
    targets: row.targets,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
