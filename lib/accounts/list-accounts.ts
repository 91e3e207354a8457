import 'server-only';
import { getDb } from '@/db';
import { notFound } from '@/lib/failure';
import {
  listAccountDomains,
  listAccountRows,
  MERGE_MAX_DOMAINS,
  type AccountCriteria,
  type AccountFilters,
  type AccountListDomain,
  type AccountSort,
} from '@/db/queries/accounts';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { offsetOf, type PageQuery } from '@/lib/pagination';
import { accountSearchPatterns } from './search-patterns';

export type AccountStatus = 'updating' | 'online' | 'offline';

export type AccountListRow = {
  id: number;
  domainId: number;
  domainName: string;
  address: string;
  firstName: string;
  lastName: string;
  description: string;
  isPostmaster: boolean;
  /** The account's own switch (Offline also when its domain is deactivated: see `status`). */
  active: boolean;
  status: AccountStatus;
  quotaBytes: number;
  usedBytes: number;
  /** The latest IMAP/POP3/SMTP or panel sign-in; null: never. */
  lastAccessAt: Date | null;
  sent24h: number;
  /** What the row's "More" menu may offer this caller. */
  canToggle: boolean;
  canDelete: boolean;
};

export type AccountList = {
  rows: AccountListRow[];
  /** The matches; when `totalCapped` (a search or filter past COUNT_CAP), there are more than this many. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  /** The listed domains (the one of a per-domain list), by name; at most MERGE_MAX_DOMAINS. */
  domains: AccountListDomain[];
  /** The caller has more domains than `domains` holds. */
  moreDomains: boolean;
  /** Of `domains`, those where the caller may create an account now. */
  creatable: AccountListDomain[];
};

/** Updating while the mail servers still have work for it; a deactivated domain's accounts read Offline. */
export function accountStatus(row: { openJobs: number; active: boolean; domainActive: boolean }): AccountStatus {
  if (row.openJobs > 0) return 'updating';
  return row.active && row.domainActive ? 'online' : 'offline';
}

/** The caller's rights on a listed account. The postmaster mailbox is never deactivated or deleted here. */
export function accountRights(
  caller: Caller,
  row: { isPostmaster: boolean; pmCanToggle: boolean; pmCanDelete: boolean },
): { canToggle: boolean; canDelete: boolean } {
  if (row.isPostmaster) return { canToggle: false, canDelete: false };
  return { canToggle: canOnDomain(caller, 'accounts:toggle', row), canDelete: canOnDomain(caller, 'accounts:delete', row) };
}

export function canCreateIn(caller: Caller, domain: AccountListDomain): boolean {
  return domain.active && canOnDomain(caller, 'accounts:create', domain);
}

/** What selects the listed accounts: the search text and the filters (one criteria, for the list and bulk actions). */
export function accountCriteria(q: string, filters: AccountFilters = {}): AccountCriteria {
  return { patterns: accountSearchPatterns(q), filters };
}

/**
 * One page of email accounts: of one domain (`domainId`), or of every domain the caller may see (for a
 * postmaster, its own). A notFound failure when `domainId` is out of reach; a forbidden failure for a user.
 */
export async function listAccounts({
  caller,
  query,
  filters = {},
  domainId,
  exactTotal = false,
  countCap,
}: {
  caller: Caller;
  query: PageQuery<AccountSort>;
  /** Only the accounts that pass these (lib/accounts/list-filters.ts reads them from the URL). */
  filters?: AccountFilters;
  domainId?: number;
  /** Count a search's matches exactly, however many (the REST API's `total`); else up to COUNT_CAP. */
  exactTotal?: boolean;
  /** For tests: a lower cap than COUNT_CAP. */
  countCap?: number;
}): Promise<AccountList> {
  assertCan(caller, 'accounts:read');
  if (domainId !== undefined && !(Number.isSafeInteger(domainId) && domainId > 0 && domainId <= 2_147_483_647)) {
    throw notFound();
  }
  const ex = getDb();
  const scope = domainScope(caller);
  // Also makes what is shown and sorted as "sent in the last 24 hours" exact as of now.
  const found = await listAccountDomains({ ex, scope, id: domainId, limit: MERGE_MAX_DOMAINS + 1 });
  if (domainId !== undefined && found.length === 0) throw notFound();
  const moreDomains = found.length > MERGE_MAX_DOMAINS;
  const listed = found.slice(0, MERGE_MAX_DOMAINS);

  const { rows, total, totalCapped } = await listAccountRows({
    ex,
    scope,
    domains: moreDomains ? null : listed,
    criteria: accountCriteria(query.q, filters),
    sort: query.sort,
    dir: query.dir,
    limit: query.pageSize,
    offset: offsetOf(query),
    countCap: exactTotal ? Infinity : countCap,
  });

  return {
    rows: rows.map((row) => ({
      id: row.id,
      domainId: row.domainId,
      domainName: row.domainName,
      address: row.address,
      firstName: row.firstName,
      lastName: row.lastName,
      description: row.description,
      isPostmaster: row.isPostmaster,
      active: row.active,
      status: accountStatus(row),
      quotaBytes: row.quotaBytes,
      usedBytes: row.usedBytes,
      lastAccessAt: row.lastAccessAt,
      sent24h: row.sent24h,
      ...accountRights(caller, row),
    })),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
    domains: listed,
    moreDomains,
    creatable: listed.filter((d) => canCreateIn(caller, d)),
  };
}
