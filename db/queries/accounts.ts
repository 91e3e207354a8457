import 'server-only';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { domains, mailboxCounts, mailboxes, plans } from '@/db/schema';
import type { SERVICES } from '@/db/schema/services';

// The email-account list. It must stay fast with 100,000 accounts in one domain, so:
// - every sort column has a (domain_id, <column>, id) index (db/schema/mailboxes.ts); the figures that
//   come from the mail servers are copied onto `mailboxes` by triggers (migration 0004) to make that
//   possible, and the page of ids is an index-only scan read forwards or backwards, from whichever end of
//   the index is nearer when the total is known (fromNearerEnd);
// - the row details are fetched for the 25 ids of the page only (a "deferred join");
// - the total without a search is the per-domain counter kept by a trigger, not a count of 100,000 rows;
// - a search is a LIKE on the lower-cased `search_text`, served by its trigram GIN index: up to
//   SEARCH_SORT_MAX matches are all read through it, counted and sorted in one statement; a search with
//   more walks the sort column's index and counts its matches separately.
// Across several domains each domain's ordered index range is merged (UNION ALL of per-domain
// "ORDER BY … LIMIT offset+limit" branches, which Postgres runs as a Merge Append), so the cross-domain
// list stays an index scan too; past MERGE_MAX_DOMAINS it falls back to one query over the caller's
// scope, which sorts the caller's accounts.

export const ACCOUNT_SORTS = ['address', 'status', 'storage', 'lastAccess', 'sent'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** Beyond this many domains the page is not merged per domain but sorted over the whole scope. */
export const MERGE_MAX_DOMAINS = 64;

export type AccountListDomain = {
  id: number;
  name: string;
  active: boolean;
  pmCanCreate: boolean;
  pmCanToggle: boolean;
  pmCanDelete: boolean;
  /** Its mailboxes, postmaster included (the counter kept by migration 0004's trigger). */
  accounts: number;
  /** Its plan's storage choices (the bulk bar's "change storage"): read here to spare the list a query. */
  storageOptionsBytes: number[];
};

/**
 * The caller's domains the list covers: one (`id`), or all in scope, by name. At most `limit` rows; the
 * caller asks for one more than it can merge to know whether it must fall back.
 *
 * The same statement first moves the "sent in the last 24 hours" window up to now (mailbox_sent_decay(),
 * evaluated once as an init plan; a single index probe unless a bucket aged out), so that what the rows
 * read next is exact: one round trip instead of two on every page view.
 */
export async function listAccountDomains({ ex, scope, id, limit }: { ex: Executor; scope: SQL; id?: number; limit: number }): Promise<AccountListDomain[]> {
  const rows = await ex
    .select({
      id: domains.id,
      name: domains.name,
      active: domains.active,
      pmCanCreate: domains.pmCanCreate,
      pmCanToggle: domains.pmCanToggle,
      pmCanDelete: domains.pmCanDelete,
      accounts: sql<number>`coalesce(${mailboxCounts.accounts}, 0)`.mapWith(Number),
      storageOptionsBytes: plans.storageOptionsBytes,
      decayed: sql<number>`(select mailbox_sent_decay())`,
    })
    .from(domains)
    .innerJoin(plans, eq(plans.id, domains.planId))
    .leftJoin(mailboxCounts, eq(mailboxCounts.domainId, domains.id))
    .where(and(scope, id === undefined ? undefined : eq(domains.id, id)))
    .orderBy(asc(domains.name))
    .limit(limit);
  return rows.map(({ decayed: _decayed, ...domain }) => domain);
}

type Dir = 'asc' | 'desc';

function direction(dir: Dir): SQL {
  return dir === 'asc' ? sql`asc` : sql`desc`;
}

/** The sort key of one domain's branch. `mixedActivity`: the list also has domains of the other state. */
function branchKey(sort: AccountSort, domain: AccountListDomain, mixedActivity: boolean): SQL {
  switch (sort) {
    case 'address':
      return sql`m.address`;
    case 'storage':
      return sql`m.used_bytes`;
    case 'sent':
      return sql`m.sent_24h`;
    case 'lastAccess':
      return sql`m.last_access_at`;
    case 'status':
      // Within a deactivated domain everything not Updating reads Offline; status_rank's order already
      // agrees with that (Updating, Online, Offline), so only when merging with active domains does the
      // key have to say so (that branch then sorts its own rows).
      return domain.active || !mixedActivity ? sql`m.status_rank` : sql`(case when m.status_rank = 0 then 0 else 2 end)::smallint`;
  }
}

/**
 * Whether the listed domains are active, for accountCriteriaWhere: known when they all agree (always for one
 * domain), which keeps the status filter a plain status_rank condition the status index serves.
 */
function listedActive(listed: AccountListDomain[] | null): boolean | SQL {
  if (listed !== null && listed.length > 0 && listed.every((d) => d.active === listed[0]!.active)) return listed[0]!.active;
  return sql`${domains.active}`;
}

/** ORDER BY over the page's columns k (key), r (status_rank, status sort only) and id. */
function pageOrder(sort: AccountSort, dir: Dir, prefix: string): SQL {
  const d = direction(dir);
  const p = sql.raw(prefix);
  const nulls = sort === 'lastAccess' ? (dir === 'asc' ? sql` nulls first` : sql` nulls last`) : sql``;
  const rank = sort === 'status' ? sql`, ${p}r ${d}` : sql``;
  return sql`${p}k ${d}${nulls}${rank}, ${p}id ${d}`;
}

export const ACCOUNT_STATUS_FILTERS = ['online', 'offline', 'updating'] as const;

/**
 * The list's filters (all must hold). Each is served by an index of its own (db/schema/mailboxes.ts), so a
 * filtered page stays an index scan at 100,000 accounts.
 */
export type AccountFilters = {
  /** As the row shows it: Updating while jobs are open; Offline also when the domain is deactivated. */
  status?: (typeof ACCOUNT_STATUS_FILTERS)[number];
  /** At least 90% of its storage used (the row's red bar). */
  full?: boolean;
  /** Never signed in (IMAP/POP3/SMTP or the panel). */
  neverSignedIn?: boolean;
  /** Signed in, last more than this many days ago. */
  idleDays?: number;
  /** Two-step sign-in on (true) or off (false). */
  otp?: boolean;
  /** Forwards its mail somewhere. */
  forwarding?: boolean;
  /** The account's own switch of one service. */
  service?: { name: (typeof SERVICES)[number]; on: boolean };
};

/**
 * What selects accounts in a list: the search's LIKE patterns over search_text (any may match; lower-cased
 * by the database; empty: no search) and the filters. One type, one WHERE (accountCriteriaWhere), for the
 * list and for anything acting on "every account that matches".
 */
export type AccountCriteria = { patterns: string[]; filters: AccountFilters };

export const NO_CRITERIA: AccountCriteria = { patterns: [], filters: {} };

export function hasCriteria(criteria: AccountCriteria): boolean {
  return criteria.patterns.length > 0 || Object.values(criteria.filters).some((value) => value !== undefined);
}

/** The SQL name of a service's column on `mailboxes` (the names are the fixed SERVICES). */
function serviceColumn(name: (typeof SERVICES)[number]): SQL {
  return sql.raw(`m.svc_${name}`);
}

/**
 * The WHERE of `criteria` over `mailboxes m` (undefined: none). `domainActive`: whether the account's domain
 * is active, known (one domain's branch) or a column of a joined `domains`. Each condition is written as its
 * index's predicate (migration: account_list_filters) so that the planner can use it.
 */
export function accountCriteriaWhere(criteria: AccountCriteria, domainActive: boolean | SQL): SQL | undefined {
  const { patterns, filters: f } = criteria;
  const parts: SQL[] = [];
  if (patterns.length > 0) parts.push(sql`(${or(...patterns.map((pattern) => sql`m.search_text like lower(${pattern})`))})`);
  if (f.status === 'updating') parts.push(sql`m.status_rank = 0`);
  else if (f.status === 'online') {
    parts.push(domainActive === false ? sql`false` : domainActive === true ? sql`m.status_rank = 1` : sql`m.status_rank = 1 and ${domainActive}`);
  } else if (f.status === 'offline') {
    parts.push(
      domainActive === false
        ? sql`m.status_rank <> 0`
        : domainActive === true
          ? sql`m.status_rank = 2`
          : sql`(m.status_rank = 2 or (m.status_rank = 1 and not ${domainActive}))`,
    );
  }
  if (f.full) parts.push(sql`m.used_bytes * 10 >= m.quota_bytes * 9`);
  if (f.neverSignedIn) parts.push(sql`m.last_access_at is null`);
  if (f.idleDays !== undefined) parts.push(sql`m.last_access_at < now() - make_interval(days => ${f.idleDays}::int)`);
  if (f.otp === true) parts.push(sql`m.otp_enabled_at is not null`);
  if (f.otp === false) parts.push(sql`m.otp_enabled_at is null`);
  if (f.forwarding) parts.push(sql`cardinality(m.forwards) > 0`);
  if (f.service) parts.push(f.service.on ? sql`${serviceColumn(f.service.name)}` : sql`not ${serviceColumn(f.service.name)}`);
  return parts.length === 0 ? undefined : sql.join(parts, sql` and `);
}

type PageArgs = {
  scope: SQL;
  /** The domains to list (already within scope), or null: every domain in scope (too many to merge). */
  domains: AccountListDomain[] | null;
  criteria: AccountCriteria;
  sort: AccountSort;
  dir: Dir;
  limit: number;
  offset: number;
};

/** The sort key over several domains at once, joined with `domains` (the same order as merged branches). */
function scopeKey(sort: AccountSort): SQL {
  return sort === 'status'
    ? sql`(case when m.status_rank = 0 then 0 when ${domains.active} then m.status_rank else 2 end)::smallint`
    : branchKey(sort, { active: true } as AccountListDomain, false);
}

/** The ids (and sort keys) of one page, as a subquery with columns id, k[, r]. */
function pageIds({ scope, domains: listed, criteria, sort, dir, limit, offset }: PageArgs): SQL {
  const and = (where: SQL | undefined) => (where ? sql` and ${where}` : sql``);
  const rank = sort === 'status' ? sql`, m.status_rank as r` : sql``;

  if (listed === null) {
    // Too many domains to merge: one query over the scope (the caller's accounts are sorted).
    return sql`select m.id, ${scopeKey(sort)} as k${rank}
      from ${mailboxes} m join ${domains} on ${domains.id} = m.domain_id
      where ${scope}${and(accountCriteriaWhere(criteria, sql`${domains.active}`))}
      order by ${pageOrder(sort, dir, '')} limit ${limit} offset ${offset}`;
  }

  const mixed = listed.some((d) => d.active) && listed.some((d) => !d.active);
  // The scope is checked again in every branch, once (an uncorrelated EXISTS is a one-time filter).
  const branch = (d: AccountListDomain, branchLimit: number, branchOffset: number) => sql`select m.id, ${branchKey(sort, d, mixed)} as k${rank}
      from ${mailboxes} m
      where m.domain_id = ${d.id} and exists (select 1 from ${domains} where ${domains.id} = ${d.id} and ${scope})${and(accountCriteriaWhere(criteria, d.active))}
      order by ${pageOrder(sort, dir, '')} limit ${branchLimit} offset ${branchOffset}`;

  if (listed.length === 1) return branch(listed[0]!, limit, offset);
  const branches = sql.join(
    listed.map((d) => sql`(${branch(d, offset + limit, 0)})`),
    sql` union all `,
  );
  return sql`select * from (${branches}) u order by ${pageOrder(sort, dir, 'u.')} limit ${limit} offset ${offset}`;
}

/**
 * A page past the middle is read from the far end: the same rows, found by walking the index backwards
 * over fewer entries (page 3,000 of 4,000 skips 25,000 entries instead of 75,000). Only when the total
 * is known beforehand (no search: the domains' counters); the page is put back in order by the caller's
 * ORDER BY.
 */
function fromNearerEnd({
  listed,
  criteria,
  counted,
  dir,
  limit,
  offset,
}: {
  listed: AccountListDomain[] | null;
  criteria: AccountCriteria;
  /** The matches, when already counted (a search or filter past its first page). */
  counted: number | undefined;
  dir: Dir;
  limit: number;
  offset: number;
}): { dir: Dir; limit: number; offset: number } {
  const total = counted ?? (!hasCriteria(criteria) && listed !== null ? listed.reduce((sum, d) => sum + d.accounts, 0) : null);
  if (total === null || offset <= total / 2 || offset >= total) return { dir, limit, offset };
  const rows = Math.min(limit, total - offset);
  return { dir: dir === 'asc' ? 'desc' : 'asc', limit: rows, offset: total - offset - rows };
}

/** The columns of a listed row, read for the ids of one page (subquery `p`). */
const rowColumns = {
  id: mailboxes.id,
  domainId: mailboxes.domainId,
  domainName: domains.name,
  domainActive: domains.active,
  pmCanToggle: domains.pmCanToggle,
  pmCanDelete: domains.pmCanDelete,
  address: mailboxes.address,
  firstName: mailboxes.firstName,
  lastName: mailboxes.lastName,
  description: mailboxes.description,
  isPostmaster: mailboxes.isPostmaster,
  active: mailboxes.active,
  openJobs: mailboxes.openJobs,
  quotaBytes: mailboxes.quotaBytes,
  usedBytes: mailboxes.usedBytes,
  lastAccessAt: mailboxes.lastAccessAt,
  sent24h: mailboxes.sent24h,
};

/**
 * Up to this many matches, a search reads every match through the trigram index, then counts and sorts
 * them, in one statement. With more, walking the sort column's index until a page is found is cheaper,
 * and the count is a statement of its own.
 */
export const SEARCH_SORT_MAX = 2_000;

/** A search's page from all its matches (at most `max` + 1 of them are read), each row with their number. */
function sortedMatches({ scope, domains: listed, criteria, sort, dir, limit, offset, max }: PageArgs & { max: number }): SQL {
  const rank = sort === 'status' ? sql`, m.status_rank as r` : sql``;
  const inListed = listed === null ? sql`` : sql` and m.domain_id in (${sql.join(listed.map((d) => sql`${d.id}`), sql`, `)})`;
  return sql`with x as materialized (
      select m.id, ${scopeKey(sort)} as k${rank}
      from ${mailboxes} m join ${domains} on ${domains.id} = m.domain_id
      where ${scope}${inListed} and ${accountCriteriaWhere(criteria, listedActive(listed))}
      limit ${max + 1})
    select x.*, (select count(*) from x)::int as total from x
    order by ${pageOrder(sort, dir, 'x.')} limit ${limit} offset ${offset}`;
}

/**
 * A search's or filter's matches are counted up to this many: past it the list says "more than 10,000"
 * (`totalCapped`). Counting the common side of a filter exactly (85,000 accounts with two-step off) cost
 * tens of ms of Postgres on every page; at most 10,001 matches cost about one ms. The total without
 * criteria stays exact (the domains' counters).
 */
export const COUNT_CAP = 10_000;

export type AccountRowsPage = {
  rows: Awaited<ReturnType<typeof readPage>>;
  /** The matches; when `totalCapped`, a lower bound: there are more than this many. */
  total: number;
  totalCapped: boolean;
};

function readPage(ex: Executor, page: SQL, sort: AccountSort, dir: Dir) {
  return ex
    .select(rowColumns)
    .from(sql`(${page}) p`)
    .innerJoin(mailboxes, sql`${mailboxes.id} = p.id`)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .orderBy(pageOrder(sort, dir, 'p.'));
}

export async function listAccountRows({
  ex,
  scope,
  domains: listed,
  criteria,
  sort,
  dir,
  limit,
  offset,
  searchSortMax = SEARCH_SORT_MAX,
  countCap = COUNT_CAP,
}: PageArgs & {
  ex: Executor;
  /** See SEARCH_SORT_MAX (tests set it lower). */
  searchSortMax?: number;
  /** See COUNT_CAP (tests set it lower). */
  countCap?: number;
}): Promise<AccountRowsPage> {
  // Only a search's or filter's count is capped (the domains' counters are exact), and only on the pages
  // within the cap, the ones the pager links to: a page typed past it is counted exactly, so that it is
  // read from the nearer end of the sort index and the pager can say where it is.
  const cap = hasCriteria(criteria) && offset + limit <= countCap ? countCap : Infinity;
  const capped = (rows: AccountRowsPage['rows'], total: number): AccountRowsPage => ({ rows, total: Math.min(total, cap), totalCapped: total > cap });
  const countCapped = () => countAccounts({ ex, scope, domains: listed, criteria, cap: Number.isFinite(cap) ? cap : undefined });
  if (listed !== null && listed.length === 0) return capped([], 0);
  let counted: number | undefined;
  if (hasCriteria(criteria) && searchSortMax > 0) {
    const page = sortedMatches({ scope, domains: listed, criteria, sort, dir, limit, offset, max: searchSortMax });
    const found = await ex
      .select({ ...rowColumns, total: sql<number>`p.total`.mapWith(Number) })
      .from(sql`(${page}) p`)
      .innerJoin(mailboxes, sql`${mailboxes.id} = p.id`)
      .innerJoin(domains, eq(domains.id, mailboxes.domainId))
      .orderBy(pageOrder(sort, dir, 'p.'));
    if (found.length > 0) {
      // At most searchSortMax + 1: beyond the limit it only says "more".
      if (found[0]!.total <= searchSortMax) return capped(found.map(({ total: _total, ...row }) => row), found[0]!.total);
    } else {
      // An empty page (no match, or past the end) carries no count: count them, once.
      counted = await countCapped();
      if (counted <= searchSortMax) return capped([], counted);
    }
  }
  // Past the first page of a search or filter, count first: a deep page is then read from the nearer end
  // when the count is exact (a filter that most accounts pass walks the sort index over every row it skips).
  if (hasCriteria(criteria) && offset > 0 && counted === undefined) counted = await countCapped();
  const exact = counted !== undefined && counted <= cap ? counted : undefined;
  const page = pageIds({ scope, domains: listed, criteria, sort, ...fromNearerEnd({ listed, criteria, counted: exact, dir, limit, offset }) });
  const [rows, total] = await Promise.all([readPage(ex, page, sort, dir), counted ?? countCapped()]);
  return capped(rows, total);
}

export async function countAccounts({
  ex,
  scope,
  domains: listed,
  criteria,
  cap,
}: {
  ex: Executor;
  scope: SQL;
  domains: AccountListDomain[] | null;
  criteria: AccountCriteria;
  /** Count a search's or filter's matches up to `cap` + 1 only (more than `cap`: the result is `cap` + 1). */
  cap?: number;
}): Promise<number> {
  const unfiltered = !hasCriteria(criteria);
  // Without a search or filter: the listed domains' counters, already read with them.
  if (unfiltered && listed !== null) return listed.reduce((sum, d) => sum + d.accounts, 0);
  if (unfiltered) {
    const [row] = await ex
      .select({ n: sql<number>`coalesce(sum(${mailboxCounts.accounts}), 0)`.mapWith(Number) })
      .from(mailboxCounts)
      .innerJoin(domains, eq(domains.id, mailboxCounts.domainId))
      .where(scope);
    return row?.n ?? 0;
  }
  const inListed = listed === null ? undefined : inArray(domains.id, listed.map((d) => d.id));
  const where = and(scope, inListed, accountCriteriaWhere(criteria, listedActive(listed)));
  const limit = cap === undefined ? sql`` : sql` limit ${cap + 1}`;
  const [row] = await ex
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(sql`(select 1 from ${mailboxes} m join ${domains} on ${domains.id} = m.domain_id where ${where}${limit}) c`);
  return row?.n ?? 0;
}
