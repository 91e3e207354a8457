import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { serviceColumns } from '@/db/columns';
import { admins, plans } from '@/db/schema';

// What adding a domain reads: the plans and admins the form offers, and the plan and owner it uses.

/** The plans, by name (the "Add domain" form). */
export async function listPlanChoices({ ex }: { ex: Executor }): Promise<{ id: number; name: string }[]> {
  return ex.select({ id: plans.id, name: plans.name }).from(plans).orderBy(asc(plans.name));
}

/** The active admins, by address (the superadmin's "Owner" choice). */
export async function listActiveAdminChoices({ ex }: { ex: Executor }): Promise<{ id: number; email: string }[]> {
  return ex.select({ id: admins.id, email: admins.email }).from(admins).where(eq(admins.active, true)).orderBy(asc(admins.email));
}

/** The plan a new domain takes its services and default send limit from. */
export async function findPlanForNewDomain({ ex, id }: { ex: Executor; id: number }) {
  const [plan] = await ex
    .select({ id: plans.id, name: plans.name, defaultDailySendLimit: plans.defaultDailySendLimit, ...serviceColumns(plans) })
    .from(plans)
    .where(eq(plans.id, id))
    .limit(1);
  return plan;
}

/** The admin to own a new domain, if it exists and is active. */
export async function findActiveAdminId({ ex, id }: { ex: Executor; id: number }): Promise<{ id: number } | undefined> {
  const [owner] = await ex
    .select({ id: admins.id })
    .from(admins)
    .where(and(eq(admins.id, id), eq(admins.active, true)))
    .limit(1);
  return owner;
}
