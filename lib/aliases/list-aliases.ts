import 'server-only';
import { getDb } from '@/db';
import { listAliasRows, type AliasSort } from '@/db/queries/aliases';
import { accountSearchPatterns } from '@/lib/accounts/search-patterns';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { offsetOf, type PageQuery } from '@/lib/pagination';
import type { AliasSenders } from '@/lib/validations/alias-constants';
import { isRowId } from '@/lib/validations/common';
import { loadAlias, readAliasDomain } from './access';

export type AliasListRow = {
  id: number;
  domainId: number;
  domainName: string;
  address: string;
  description: string;
  active: boolean;
  /** Who may send to it (a distribution list's rule). */
  senders: AliasSenders;
  /** Mail is taken: the alias and its domain are active. */
  receiving: boolean;
  targets: string[];
};

/** The list's domain when it is one domain's list (for the page's title and links). */
export type AliasListDomain = { id: number; name: string; active: boolean };

export type AliasList = {
  rows: AliasListRow[];
  /** Every alias listed; a search's matches, and when `totalCapped` there are more than this many. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  domain?: AliasListDomain;
};

type AliasRowIn = Omit<AliasListRow, 'receiving'> & { domainActive: boolean };

const listRow = (row: AliasRowIn): AliasListRow => ({
  id: row.id,
  domainId: row.domainId,
  domainName: row.domainName,
  address: row.address,
  description: row.description,
  active: row.active,
  senders: row.senders,
  receiving: row.active && row.domainActive,
  targets: row.targets,
});

/**
 * One page of aliases: of one domain (`domainId`, notFound when out of reach), or of every domain the
 * caller reaches (a postmaster: its own). A postmaster whose domain does not let it manage aliases sees none.
 */
export async function listAliases({
  caller,
  query,
  domainId,
  exactTotal = false,
  countCap,
}: {
  caller: Caller;
  query: PageQuery<AliasSort>;
  domainId?: number;
  /** Count a search's matches exactly, however many (the REST API's `total`); else up to COUNT_CAP. */
  exactTotal?: boolean;
  /** For tests: a lower cap than COUNT_CAP. */
  countCap?: number;
}): Promise<AliasList> {
  assertCan(caller, 'aliases:read');
  if (domainId !== undefined && !isRowId(domainId)) throw notFound();
  const ex = getDb();
  // A postmaster's list is its domain's; the switch decides whether aliases are its business.
  const checked = domainId ?? (caller.role === 'postmaster' ? caller.domainId : undefined);
  const domain = checked === undefined ? undefined : await readAliasDomain({ ex, caller, domainId: checked, action: 'aliases:read' });
  const { rows, total, totalCapped } = await listAliasRows({
    ex,
    scope: domainScope(caller),
    domainId: domainId ?? null,
    patterns: accountSearchPatterns(query.q),
    sort: query.sort,
    dir: query.dir,
    limit: query.pageSize,
    offset: offsetOf(query),
    ...(exactTotal ? { countCap: Infinity } : countCap === undefined ? {} : { countCap }),
  });
  return {
    rows: rows.map(listRow),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
    ...(domainId !== undefined && domain ? { domain: { id: domain.id, name: domain.name, active: domain.active } } : {}),
  };
}

export type AliasDetail = AliasListRow & { version: number; createdAt: Date; updatedAt: Date; /** Accounts that may send as it. */ sendAs: string[] };

/** One alias in the caller's reach. */
export async function getAlias({ caller, id }: { caller: Caller; id: number }): Promise<AliasDetail> {
  const row = await loadAlias({ ex: getDb(), caller, id, action: 'aliases:read' });
  return { ...listRow(row), version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt, sendAs: row.sendAs };
}

/** The domain of an alias page (the new-alias form), when the caller may do `action` there. */
export async function readDomainForAliasPage({ caller, domainId, action }: { caller: Caller; domainId: number; action: 'aliases:read' | 'aliases:create' }): Promise<AliasListDomain> {
  const { id, name, active } = await readAliasDomain({ ex: getDb(), caller, domainId, action });
  return { id, name, active };
}
