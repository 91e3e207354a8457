'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { actionContext } from '@/lib/auth/action-context';
import { runAction } from '@/lib/errors';
import { createPlan, deletePlan, updatePlan } from '@/lib/plans/write-plans';

export async function createPlanAction(input: unknown): Promise<ActionResult<{ id: number; name: string }>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'plans:write' });
    const result = await createPlan({ caller, ip, input });
    if (result.ok) revalidatePath('/plans');
    return result;
  });
}

export async function updatePlanAction(id: number, input: unknown): Promise<ActionResult<{ id: number; version: number }>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'plans:write' });
    const result = await updatePlan({ caller, ip, id, input });
    if (result.ok) revalidatePath('/plans');
    return result;
  });
}

export async function deletePlanAction(id: number): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const { caller, ip } = await actionContext({ permission: 'plans:write' });
    const result = await deletePlan({ caller, ip, id });
    if (result.ok) revalidatePath('/plans');
    return result;
  });
}
