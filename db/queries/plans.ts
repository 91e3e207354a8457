import 'server-only';
import { and, asc, eq, getTableName, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { planLimitColumns } from '@/db/columns';
import { domains, mailboxes, plans } from '@/db/schema';
import { SERVICES, type Service, type UserDetailField } from '@/db/schema/services';

export type PlanRow = Record<Service, boolean> & {
  id: number;
  name: string;
  storageOptionsBytes: number[];
  domainStorageBytes: number;
  maxAccounts: number;
  maxAliases: number;
  defaultDailySendLimit: number;
  maxDailySendLimit: number;
  allowSpamToInbox: boolean;
  maxMessageBytes: number;
  userDetailFields: UserDetailField[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type PlanWithUsage = PlanRow & { domainCount: number };

/** The columns a plan is written with (everything but id, version and timestamps). */
/** maxAliases and maxMessageBytes may be left out: the column's default on insert, unchanged on update. */
export type PlanColumns = Omit<PlanRow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'maxAliases' | 'maxMessageBytes'> & {
  maxAliases?: number;
  maxMessageBytes?: number;
};

const planColumns = {
  ...planLimitColumns,
  maxAccounts: plans.maxAccounts,
  maxAliases: plans.maxAliases,
  version: plans.version,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
};

// Drizzle leaves columns unqualified in a single-table select, where a bare "id" inside the subquery
// would mean domains.id; the outer plan's id is therefore spelled out in full.
const outerPlanId = sql`${sql.identifier(getTableName(plans))}.${sql.identifier(plans.id.name)}`;

// Counted through domains_plan_idx.
const domainCount = sql<number>`(select count(*) from ${domains} where ${domains.planId} = ${outerPlanId})`.mapWith(Number);

// The database guarantees the fields are known ones (plans_user_detail_fields_known).
function typed<T extends { userDetailFields: string[] }>(row: T): T & { userDetailFields: UserDetailField[] } {
  return row as T & { userDetailFields: UserDetailField[] };
}

/** Every plan (there are few), by name, with how many domains are on each. */
export async function listPlans({ ex }: { ex: Executor }): Promise<PlanWithUsage[]> {
  const rows = await ex
    .select({ ...planColumns, domainCount })
    .from(plans)
    .orderBy(sql`lower(${plans.name})`, asc(plans.id));
  return rows.map(typed);
}

/**
 * One plan with its domain count. `lock: 'update'` holds the row until the transaction ends (a plan
 * being changed); `lock: 'share'` lets writers that must stay within the plan keep it from changing
 * under them.
 */
export async function getPlanById({
  ex,
  id,
  lock,
}: {
  ex: Executor;
  id: number;
  lock?: 'update' | 'share';
}): Promise<PlanWithUsage | undefined> {
  const query = ex
    .select({ ...planColumns, domainCount })
    .from(plans)
    .where(eq(plans.id, id))
    .limit(1);
  const [row] = await (lock ? query.for(lock) : query);
  return row && typed(row);
}

/** Whether another plan already has this name, ignoring case ("Starter" and "starter" would confuse). */
export async function planNameTaken({ ex, name, exceptId }: { ex: Executor; name: string; exceptId?: number }): Promise<boolean> {
  const rows = await ex
    .select({ id: plans.id })
    .from(plans)
    .where(and(sql`lower(${plans.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(plans.id, exceptId)))
    .limit(1);
  return rows.length > 0;
}

export async function insertPlan({ ex, values }: { ex: Executor; values: PlanColumns }): Promise<PlanRow> {
  const [row] = await ex.insert(plans).values(values).returning(planColumns);
  if (!row) throw new Error('insert into plans returned no row');
  return typed(row);
}

/** Saves `values` only if the plan is still at `version`; bumps the version. Undefined when it moved (or is gone). */
export async function updatePlanIfVersion({
  ex,
  id,
  version,
  values,
}: {
  ex: Executor;
  id: number;
  version: number;
  values: PlanColumns;
}): Promise<PlanRow | undefined> {
  const [row] = await ex
    .update(plans)
    .set({ ...values, version: sql`${plans.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(plans.id, id), eq(plans.version, version)))
    .returning(planColumns);
  return row && typed(row);
}

/** Deletes the plan unless a domain is on it. Undefined when nothing was deleted (in use, or gone). */
export async function deletePlanIfUnused({ ex, id }: { ex: Executor; id: number }): Promise<{ id: number; name: string } | undefined> {
  const [row] = await ex
    .delete(plans)
    .where(and(eq(plans.id, id), sql`not exists (select 1 from ${domains} where ${domains.planId} = ${id})`))
    .returning({ id: plans.id, name: plans.name });
  return row;
}

/** Names (ASCII) of the domains on a plan, alphabetically, at most `limit`, and how many there are. */
export async function findDomainsUsingPlan({
  ex,
  planId,
  limit,
}: {
  ex: Executor;
  planId: number;
  limit: number;
}): Promise<{ names: string[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    ex.select({ name: domains.name }).from(domains).where(eq(domains.planId, planId)).orderBy(asc(domains.name)).limit(limit),
    ex.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(domains).where(eq(domains.planId, planId)),
  ]);
  return { names: rows.map((r) => r.name), total: total?.n ?? 0 };
}

/** What a plan change takes away; only the parts present are checked. */
export type PlanNarrowing = {
  /** Services the plan would no longer allow. */
  servicesOff: Service[];
  maxAccounts?: number;
  domainStorageBytes?: number;
  /** Storage options the plan would no longer offer. */
  removedStorageOptionsBytes: number[];
  maxDailySendLimit?: number;
  /** Spam-to-Inbox would no longer be allowed. */
  spamToInboxOff: boolean;
};

export type PlanBlockReason = 'services' | 'maxAccounts' | 'domainStorage' | 'storageOptions' | 'sendLimit' | 'spamToInbox';

export type BlockingDomain = {
  id: number;
  name: string;
  /** Which parts of the change this domain's use rules out; services lists the services in use. */
  reasons: PlanBlockReason[];
  servicesInUse: Service[];
  storageOptionsInUse: number[];
};

/**
 * The domains on `planId` that already use more than the plan would allow after `narrowing`: a
 * service enabled for the domain or one of its mailboxes, more mailboxes (the postmaster counts)
 * than maxAccounts, more storage allocated than domainStorageBytes, an ordinary mailbox with a
 * removed storage option as quota, a mailbox with a higher daily sending limit, a mailbox with spam
 * delivered to the Inbox. One pass over the plan's mailboxes, grouped by domain; alphabetical.
 */
export async function findDomainsBlockingPlanChange({
  ex,
  planId,
  narrowing,
}: {
  ex: Executor;
  planId: number;
  narrowing: PlanNarrowing;
}): Promise<BlockingDomain[]> {
  const n = narrowing;
  const bool = (condition: SQL) => sql<boolean>`coalesce(${condition}, false)`;
  const checks: Partial<Record<Exclude<PlanBlockReason, 'services'>, SQL<boolean>>> = {};
  if (n.maxAccounts !== undefined) checks.maxAccounts = bool(sql`count(${mailboxes.id}) > ${n.maxAccounts}`);
  if (n.domainStorageBytes !== undefined) {
    checks.domainStorage = bool(sql`coalesce(sum(${mailboxes.quotaBytes}), 0) > ${n.domainStorageBytes}`);
  }
  if (n.maxDailySendLimit !== undefined) checks.sendLimit = bool(sql`max(${mailboxes.dailySendLimit}) > ${n.maxDailySendLimit}`);
  if (n.spamToInboxOff) checks.spamToInbox = bool(sql`bool_or(${mailboxes.spamToInbox})`);

  const services = Object.fromEntries(
    n.servicesOff.map((s) => [s, bool(sql`${domains[s]} or bool_or(${mailboxes[s]})`)]),
  ) as Partial<Record<Service, SQL<boolean>>>;

  const removed = n.removedStorageOptionsBytes;
  // The quotas, among the removed options, that ordinary mailboxes of the domain have.
  const optionsInUse =
    removed.length > 0
      ? sql<number[]>`coalesce(array_agg(distinct ${mailboxes.quotaBytes}) filter (where not ${mailboxes.isPostmaster} and ${inArray(mailboxes.quotaBytes, removed)}), '{}')`
      : undefined;

  const conditions: SQL[] = [...Object.values(checks), ...Object.values(services)];
  if (optionsInUse) conditions.push(sql`cardinality(${optionsInUse}) > 0`);
  if (conditions.length === 0) return [];

  const rows = await ex
    .select({
      id: domains.id,
      name: domains.name,
      checks: sql<Record<string, boolean>>`json_build_object(${sql.join(
        Object.entries(checks).map(([key, expr]) => sql`${key}::text, ${expr}`),
        sql`, `,
      )})`,
      services: sql<Record<string, boolean>>`json_build_object(${sql.join(
        Object.entries(services).map(([key, expr]) => sql`${key}::text, ${expr}`),
        sql`, `,
      )})`,
      optionsInUse: optionsInUse ?? sql<number[]>`'{}'::bigint[]`,
    })
    .from(domains)
    .leftJoin(mailboxes, eq(mailboxes.domainId, domains.id))
    .where(eq(domains.planId, planId))
    .groupBy(domains.id)
    .having(or(...conditions))
    .orderBy(asc(domains.name));

  return rows.map((row) => {
    const servicesInUse = SERVICES.filter((s) => parseJson(row.services)[s] === true);
    const storageOptionsInUse = toNumbers(row.optionsInUse).sort((a, b) => a - b);
    const flags = parseJson(row.checks);
    const reasons: PlanBlockReason[] = [];
    if (servicesInUse.length > 0) reasons.push('services');
    for (const key of ['maxAccounts', 'domainStorage', 'sendLimit', 'spamToInbox'] as const) if (flags[key] === true) reasons.push(key);
    if (storageOptionsInUse.length > 0) reasons.push('storageOptions');
    return { id: row.id, name: row.name, reasons, servicesInUse, storageOptionsInUse };
  });
}

// node-postgres parses json and bigint[] for us; PGlite may hand them over as text.
function parseJson(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
}

function toNumbers(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value === 'string') {
    const inner = value.replace(/^\{|\}$/g, '');
    return inner === '' ? [] : inner.split(',').map(Number);
  }
  return [];
}
