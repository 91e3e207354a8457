import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { aliasDomains, aliases, aliasTargets, domains } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import { adminCaller, postmasterCaller, superadminCaller, userCaller } from '../../helpers/callers';
import { GIB, insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES } from '../../helpers/fixtures';
import type { CallerName, World } from '../rows/types';

export const WORLD_PASSWORD = 'Matrix password, 42 sheep';

let passwordHash: Promise<string> | undefined;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const deleteOrders = new WeakMap<Database, Promise<string[]>>();

/** The public tables, each after every table that references it (so plain deletes need no cascade). */
async function deleteOrder(db: Database): Promise<string[]> {
  let order = deleteOrders.get(db);
  if (!order) {
    order = (async () => {
      const tables = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`)).map((r) => r.name);
      const edges = rowsOf<{ child: string; parent: string }>(
        await db.execute(sql`
          select c.relname as child, p.relname as parent from pg_constraint k
          join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
          where k.contype = 'f' and k.connamespace = 'public'::regnamespace and k.conrelid <> k.confrelid`),
      );
      const out: string[] = [];
      const visit = (table: string, path: string[]) => {
        if (out.includes(table) || path.includes(table)) return;
        for (const { child } of edges.filter((e) => e.parent === table)) visit(child, [...path, table]);
        out.push(table);
      };
      for (const table of [...tables].sort()) visit(table, []);
      return out;
    })();
    deleteOrders.set(db, order);
  }
  return order;
}

/**
 * Empties every table with plain deletes: on real Postgres a TRUNCATE of twenty tables costs far more
 * than deleting the few rows a world has, and the matrix empties the database hundreds of times.
 * Triggers may write summary rows while others are deleted, so it goes round until all are empty.
 */
async function emptyTables(db: Database): Promise<void> {
  const order = await deleteOrder(db);
  for (let pass = 0; pass < 3; pass++) {
    for (const table of order) await db.execute(sql`delete from ${sql.identifier(table)}`);
    const counts = await db.execute(sql.raw(`select ${order.map((table) => `(select count(*) from "${table}")`).join(' + ')} as n`));
    if (Number(rowsOf<{ n: number | string }>(counts)[0]?.n) === 0) return;
  }
  throw new Error('the tables could not be emptied');
}

/** Empties the database and seeds the world every row runs against. */
export async function seedWorld(db: Database): Promise<World> {
  passwordHash ??= hashPassword(WORLD_PASSWORD);
  const hash = await passwordHash;
  await emptyTables(db);
  const superadmin = await insertAdmin(db, { email: 'root@panel.example', role: 'superadmin', passwordHash: hash });
  const owningAdmin = await insertAdmin(db, { email: 'owner@panel.example', passwordHash: hash });
  const otherAdmin = await insertAdmin(db, { email: 'other@panel.example', passwordHash: hash });
  const spareAdmin = await insertAdmin(db, { email: 'spare@panel.example', passwordHash: hash });
  const plan = await insertPlan(db, { name: 'Matrix plan', storageOptionsBytes: [GIB, 5 * GIB], domainStorageBytes: 100 * GIB, userDetailFields: ['phone'] });
  const sparePlan = await insertPlan(db, { name: 'Spare plan' });
  const domainA = await insertDomain(db, { adminId: owningAdmin.id, planId: plan.id }, { name: 'alpha.example', pmCanCreate: true, pmCanDelete: true, pmCanToggle: true, pmCanChangeLimits: true, pmCanManageAliases: true });
  const domainB = await insertDomain(db, { adminId: otherAdmin.id, planId: plan.id }, { name: 'beta.example' });
  const mailbox = (domain: typeof domainA, localPart: string, values: Parameters<typeof insertMailbox>[3] = {}) =>
    insertMailbox(db, domain, localPart, { passwordHash: hash, ...values });
  const postmaster = { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES };
  const postmasterA = await mailbox(domainA, 'postmaster', postmaster);
  const userA = await mailbox(domainA, 'ursula', { recoveryEmail: 'ursula@elsewhere.example' });
  const accountA = await mailbox(domainA, 'target');
  const postmasterB = await mailbox(domainB, 'postmaster', postmaster);
  const userB = await mailbox(domainB, 'bruno');
  const accountB = await mailbox(domainB, 'target');
  const alias = async (domain: typeof domainA, localPart: string, target: string) => {
    const [row] = await db.insert(aliases).values({ domainId: domain.id, localPart, address: `${localPart}@${domain.name}` }).returning();
    await db.insert(aliasTargets).values({ aliasId: row!.id, address: target });
    return row!;
  };
  const aliasA = await alias(domainA, 'info', accountA.address);
  const aliasB = await alias(domainB, 'info', accountB.address);
  const aliasDomain = async (domain: typeof domainA, name: string) => {
    const [row] = await db.insert(aliasDomains).values({ domainId: domain.id, name }).returning({ id: aliasDomains.id, name: aliasDomains.name });
    return row!;
  };
  const aliasDomainA = await aliasDomain(domainA, 'alpha-alias.example');
  const aliasDomainB = await aliasDomain(domainB, 'beta-alias.example');
  const [a] = await db.select().from(domains).where(eq(domains.id, domainA.id));
  return { password: WORLD_PASSWORD, superadmin, owningAdmin, otherAdmin, spareAdmin, plan, sparePlan, domainA: a!, domainB, postmasterA, userA, accountA, postmasterB, userB, accountB, aliasA, aliasB, aliasDomainA, aliasDomainB };
}

/** The session principal of each caller (null: signed out). */
export function principalOf(world: World, name: CallerName): string | null {
  switch (name) {
    case 'anonymous':
      return null;
    case 'user':
      return `mailbox:${world.userA.id}`;
    case 'postmaster':
      return `mailbox:${world.postmasterA.id}`;
    case 'otherPostmaster':
      return `mailbox:${world.postmasterB.id}`;
    case 'owningAdmin':
      return `admin:${world.owningAdmin.id}`;
    case 'otherAdmin':
      return `admin:${world.otherAdmin.id}`;
    case 'superadmin':
      return `admin:${world.superadmin.id}`;
  }
}

/** The caller as the data-access layer sees it (for set-up steps that call lib/ directly). */
export function callerOf(world: World, name: CallerName): Caller | null {
  switch (name) {
    case 'anonymous':
      return null;
    case 'user':
      return userCaller(world.userA);
    case 'postmaster':
      return postmasterCaller(world.postmasterA);
    case 'otherPostmaster':
      return postmasterCaller(world.postmasterB);
    case 'owningAdmin':
      return adminCaller(world.owningAdmin);
    case 'otherAdmin':
      return adminCaller(world.otherAdmin);
    case 'superadmin':
      return superadminCaller(world.superadmin);
  }
}
