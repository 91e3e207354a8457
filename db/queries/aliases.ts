import 'server-only';
import { and, asc, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { scopedId, type DomainScope, type ScopedId } from '@/db/scope';
import { COUNT_CAP } from '@/db/queries/accounts';
import { aliasCounts, aliasDomains, aliases, aliasSendAs, aliasTargets, domains, mailboxes, plans } from '@/db/schema';

export const ALIAS_SORTS = ['address', 'status', 'description'] as const;
export type AliasSenders = (typeof aliases.$inferSelect)['senders'];
export type AliasSort = (typeof ALIAS_SORTS)[number];

/** An alias's targets, in address order, as one array per row. */
const targetsOf = sql<string[]>`coalesce((select array_agg(${aliasTargets.address} order by ${aliasTargets.address}) from ${aliasTargets} where ${aliasTargets.aliasId} = ${aliases.id}), '{}'::text[])`;

/** The accounts an alias lets send with its address (send-as), in address order. */
const sendAsOf = sql<string[]>`coalesce((select array_agg(${mailboxes.address} order by ${mailboxes.address}) from ${aliasSendAs} join ${mailboxes} on ${mailboxes.id} = ${aliasSendAs.mailboxId} where ${aliasSendAs.aliasId} = ${aliases.id}), '{}'::text[])`;

/** The search's matching rows, only the first `cap` + 1 when `cap` is finite. */
function matchesUpTo(ex: Executor, where: SQL | undefined, cap: number) {
  const matches = ex.select({ one: sql`1`.as('one') }).from(aliases).innerJoin(domains, eq(domains.id, aliases.domainId)).where(where).$dynamic();
  return Number.isFinite(cap) ? matches.limit(cap + 1) : matches;
}

/** One page of aliases under the caller's scope (of one domain, or of every domain in reach), and the total. */
export async function listAliasRows({
  ex,
  scope,
  domainId,
  patterns,
  sort,
  dir,
  limit,
  offset,
  countCap = COUNT_CAP,
}: {
  ex: Executor;
  scope: DomainScope;
  domainId: number | null;
  /** LIKE patterns over the lower-cased search text (any may match); none: every alias. */
  patterns: string[];
  sort: AliasSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** A search's matches are counted up to this many (Infinity: exactly); see COUNT_CAP. */
  countCap?: number;
}) {
  const where = and(scope, domainId === null ? undefined : eq(aliases.domainId, domainId), patterns.length > 0 ? or(...patterns.map((p) => like(aliases.searchText, sql`lower(${p})`))) : undefined);
  const order = dir === 'asc' ? asc : desc;
  const sortColumns = { address: [aliases.address], status: [aliases.active, aliases.address], description: [aliases.description, aliases.address] }[sort];
  // The page is chosen first, by id alone (an index-only scan for each sort), and only its rows are read
  // whole with their targets: at 100,000 aliases a deep page otherwise ran the targets' subquery for every
  // row it skipped (bench/explain-aliases.ts: 300,000 pages read). With a search, the sort keys are written
  // so that no index can give their order: the planner then takes the trigram index and sorts the matches,
  // instead of walking the address index and filtering (63,000 rows read to find 25 "moretti").
  const key = (column: (typeof sortColumns)[number] | typeof aliases.id) =>
    patterns.length === 0 ? column : column === aliases.id ? sql`(${column} + 0)` : sql`((${column})::text || '')`;
  const page = ex
    .select({ id: aliases.id })
    .from(aliases)
    .innerJoin(domains, eq(domains.id, aliases.domainId))
    .where(where)
    .orderBy(...sortColumns.map((c) => order(key(c))), asc(key(aliases.id)))
    .limit(limit)
    .offset(offset);
  // The total: without a search, the domains' counters (alias_counts, kept by triggers) instead of counting
  // 100,000 aliases on every page; a search's matches are counted as the account list counts them, up to
  // the cap on the pages the pager links to (a page typed past it is counted exactly).
  const cap = patterns.length > 0 && offset + limit <= countCap ? countCap : Infinity;
  const counted =
    patterns.length === 0
      ? ex
          .select({ n: sql<number>`coalesce(sum(${aliasCounts.aliases}), 0)`.mapWith(Number) })
          .from(aliasCounts)
          .innerJoin(domains, eq(domains.id, aliasCounts.domainId))
          .where(and(scope, domainId === null ? undefined : eq(aliasCounts.domainId, domainId)))
      : ex.select({ n: count() }).from(matchesUpTo(ex, where, cap).as('matches'));
  const [rows, [total]] = await Promise.all([
    ex
      .select({
        id: aliases.id,
        domainId: aliases.domainId,
        domainName: domains.name,
        address: aliases.address,
        description: aliases.description,
        active: aliases.active,
        senders: aliases.senders,
        domainActive: domains.active,
        pmCanManageAliases: domains.pmCanManageAliases,
        targets: targetsOf,
      })
      .from(aliases)
      .innerJoin(domains, eq(domains.id, aliases.domainId))
      .where(inArray(aliases.id, page))
      .orderBy(...sortColumns.map((c) => order(c)), asc(aliases.id)),
    counted,
  ]);
  const n = total?.n ?? 0;
  return { rows, total: Math.min(n, cap), totalCapped: n > cap };
}

/** One alias under the caller's scope, with its domain and targets; its id is scoped. FOR UPDATE locks the alias row. */
export async function getAliasRow({ ex, scope, id, forUpdate = false }: { ex: Executor; scope: DomainScope; id: number; forUpdate?: boolean }) {
  const query = ex
    .select({
      id: aliases.id,
      domainId: aliases.domainId,
      domainName: domains.name,
      domainActive: domains.active,
      pmCanManageAliases: domains.pmCanManageAliases,
      localPart: aliases.localPart,
      address: aliases.address,
      description: aliases.description,
      active: aliases.active,
      senders: aliases.senders,
      version: aliases.version,
      createdAt: aliases.createdAt,
      updatedAt: aliases.updatedAt,
      targets: targetsOf,
      sendAs: sendAsOf,
    })
    .from(aliases)
    .innerJoin(domains, eq(domains.id, aliases.domainId))
    .where(and(eq(aliases.id, id), scope))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: aliases }) : query);
  return row ? { ...row, id: scopedId(scope, 'alias', row.id), domainId: scopedId(scope, 'domain', row.domainId) } : undefined;
}

/**
 * A domain in the caller's scope for an alias write, locked FOR NO KEY UPDATE as account creation locks
 * it (lockDomainForStorage): alias and account creators of one domain take turns, so the address-space
 * check and the plan's alias count are exact. With the plan's alias limit and the domain's alias count.
 */
export async function lockAliasDomain({ ex, scope, id }: { ex: Executor; scope: DomainScope; id: number }) {
  const [row] = await ex
    .select({
      id: domains.id,
      name: domains.name,
      active: domains.active,
      pmCanManageAliases: domains.pmCanManageAliases,
      maxAliases: plans.maxAliases,
    })
    .from(domains)
    .innerJoin(plans, eq(plans.id, domains.planId))
    .where(and(eq(domains.id, id), scope))
    .for('no key update', { of: domains });
  if (!row) return undefined;
  // The domain's counter, read after the lock in a statement of its own (a fresh snapshot): every alias
  // creator holds this lock until it commits, so the count is exact here.
  const [n] = await ex.select({ n: aliasCounts.aliases }).from(aliasCounts).where(eq(aliasCounts.domainId, row.id));
  return { ...row, id: scopedId(scope, 'domain', row.id), aliases: n?.n ?? 0 };
}

/** A domain in the caller's scope, as the alias list needs it (unlocked). */
export async function getAliasDomain({ ex, scope, id }: { ex: Executor; scope: DomainScope; id: number }) {
  const [row] = await ex
    .select({ id: domains.id, name: domains.name, active: domains.active, pmCanManageAliases: domains.pmCanManageAliases })
    .from(domains)
    .where(and(eq(domains.id, id), scope))
    .limit(1);
  return row;
}

/** Whether the domain's address `localPart` is an account's, an alias's, or free. */
export async function addressOwner({ ex, domainId, localPart }: { ex: Executor; domainId: number; localPart: string }): Promise<'account' | 'alias' | null> {
  const [account] = await ex.select({ id: mailboxes.id }).from(mailboxes).where(and(eq(mailboxes.domainId, domainId), eq(mailboxes.localPart, localPart))).limit(1);
  if (account) return 'account';
  const [alias] = await ex.select({ id: aliases.id }).from(aliases).where(and(eq(aliases.domainId, domainId), eq(aliases.localPart, localPart))).limit(1);
  return alias ? 'alias' : null;
}

/** Of these full addresses, those that are aliases (active or not). */
export async function aliasAddressesAmong({ ex, addresses }: { ex: Executor; addresses: string[] }): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await ex.select({ address: aliases.address }).from(aliases).where(inArray(aliases.address, addresses));
  return new Set(rows.map((r) => r.address));
}

/** Of these full addresses, those that are aliases, each with its targets (for following chains). */
export async function aliasTargetsOf({ ex, addresses }: { ex: Executor; addresses: string[] }): Promise<Map<string, string[]>> {
  if (addresses.length === 0) return new Map();
  const rows = await ex.select({ address: aliases.address, targets: targetsOf }).from(aliases).where(inArray(aliases.address, addresses));
  return new Map(rows.map((r) => [r.address, r.targets]));
}

/** Of these full addresses, those that are accounts. */
export async function accountAddressesAmong({ ex, addresses }: { ex: Executor; addresses: string[] }): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await ex.select({ address: mailboxes.address }).from(mailboxes).where(inArray(mailboxes.address, addresses));
  return new Set(rows.map((r) => r.address));
}

/** Of these domain names, the alias domains, each with the name of the hosted domain it stands for. */
export async function aliasDomainPrimaries({ ex, names }: { ex: Executor; names: string[] }): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await ex
    .select({ name: aliasDomains.name, primary: domains.name })
    .from(aliasDomains)
    .innerJoin(domains, eq(domains.id, aliasDomains.domainId))
    .where(inArray(aliasDomains.name, names));
  return new Map(rows.map((r) => [r.name, r.primary]));
}

/** Of these domain names, those the panel hosts. */
export async function hostedDomainsAmong({ ex, names }: { ex: Executor; names: string[] }): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await ex.select({ name: domains.name }).from(domains).where(inArray(domains.name, names));
  return new Set(rows.map((r) => r.name));
}

/** A new alias of a domain locked by lockAliasDomain; undefined when its local part is an alias already. */
export async function insertAlias({
  ex,
  domainId,
  domainName,
  values,
}: {
  ex: Executor;
  domainId: ScopedId<'domain'>;
  domainName: string;
  values: { localPart: string; description: string; active: boolean; senders: AliasSenders };
}) {
  const [row] = await ex
    .insert(aliases)
    .values({ domainId, address: `${values.localPart}@${domainName}`, ...values })
    .onConflictDoNothing({ target: [aliases.domainId, aliases.localPart] })
    .returning({ id: aliases.id, address: aliases.address, version: aliases.version });
  return row;
}

/** The alias's targets become exactly `targets`. */
export async function replaceAliasTargets({ ex, aliasId, targets }: { ex: Executor; aliasId: number; targets: string[] }): Promise<void> {
  await ex.delete(aliasTargets).where(eq(aliasTargets.aliasId, aliasId));
  if (targets.length > 0) await ex.insert(aliasTargets).values(targets.map((address) => ({ aliasId, address })));
}

/** The accounts (by id) allowed to send as the alias become exactly `mailboxIds`. */
export async function replaceAliasSendAs({ ex, aliasId, mailboxIds }: { ex: Executor; aliasId: number; mailboxIds: number[] }): Promise<void> {
  await ex.delete(aliasSendAs).where(eq(aliasSendAs.aliasId, aliasId));
  if (mailboxIds.length > 0) await ex.insert(aliasSendAs).values(mailboxIds.map((mailboxId) => ({ aliasId, mailboxId })));
}

/** Of these full addresses, those that are accounts, each with its id. */
export async function accountIdsAmong({ ex, addresses }: { ex: Executor; addresses: string[] }): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const rows = await ex.select({ address: mailboxes.address, id: mailboxes.id }).from(mailboxes).where(inArray(mailboxes.address, addresses));
  return new Map(rows.map((r) => [r.address, r.id]));
}

/** The optimistic-lock update: undefined when someone else saved since `version` was read. */
export async function updateAliasIfVersion({
  ex,
  id,
  version,
  values,
}: {
  ex: Executor;
  id: ScopedId<'alias'>;
  version: number;
  values: { description: string; active: boolean; senders: AliasSenders };
}) {
  const [row] = await ex
    .update(aliases)
    .set({ ...values, version: sql`${aliases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(aliases.id, id), eq(aliases.version, version)))
    .returning({ version: aliases.version });
  return row;
}

export async function deleteAliasById({ ex, id }: { ex: Executor; id: ScopedId<'alias'> }): Promise<boolean> {
  const rows = await ex.delete(aliases).where(eq(aliases.id, id)).returning({ id: aliases.id });
  return rows.length > 0;
}

/** A domain's catch-all and plus-addressing (issue 17), with the catch-all account's address (only if it is the domain's). */
export async function getAddressSettingsRow({ ex, id }: { ex: Executor; id: number }) {
  const [row] = await ex
    .select({ version: domains.version, plusAddressing: domains.plusAddressing, catchAllMailboxId: domains.catchAllMailboxId, catchAllAddress: mailboxes.address })
    .from(domains)
    .leftJoin(mailboxes, and(eq(mailboxes.id, domains.catchAllMailboxId), eq(mailboxes.domainId, domains.id)))
    .where(eq(domains.id, id));
  return row;
}

/** The id of the domain's account with this full address, if there is one. */
export async function accountIdInDomain({ ex, domainId, address }: { ex: Executor; domainId: number; address: string }): Promise<number | undefined> {
  const [row] = await ex.select({ id: mailboxes.id }).from(mailboxes).where(and(eq(mailboxes.domainId, domainId), eq(mailboxes.address, address))).limit(1);
  return row?.id;
}

