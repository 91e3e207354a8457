import 'server-only';
import { getDb } from '@/db';
import { getPlanById, listPlans as listPlanRows, type PlanWithUsage } from '@/db/queries/plans';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/failure';

export type { PlanWithUsage } from '@/db/queries/plans';

/** A plan id as it may arrive from a URL or a form: anything else is simply "not found". */
export function isPlanId(id: unknown): id is number {
  return typeof id === 'number' && Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
}

/** Every plan with the number of domains on it; the superadmin and admins may read plans. */
export async function listPlans({ caller }: { caller: Caller | null }): Promise<PlanWithUsage[]> {
  assertCan(caller, 'plans:read');
  return listPlanRows({ ex: getDb() });
}

/** One plan; a notFound failure when there is no such plan, a forbidden failure for callers who may not read plans. */
export async function getPlan({ caller, id }: { caller: Caller | null; id: number }): Promise<PlanWithUsage> {
  assertCan(caller, 'plans:read');
  const plan = isPlanId(id) ? await getPlanById({ ex: getDb(), id }) : undefined;
  if (!plan) throw notFound();
  return plan;
}
