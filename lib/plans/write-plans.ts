import 'server-only';
import { getDb } from '@/db';
import { conflict, isFailure, notFound, refused, validation } from '@/lib/failure';
import {
  deletePlanIfUnused,
  findDomainsBlockingPlanChange,
  findDomainsUsingPlan,
  getPlanById,
  insertPlan,
  planNameTaken,
  updatePlanIfVersion,
  type PlanColumns,
  type PlanWithUsage,
} from '@/db/queries/plans';
import { fail, fieldError, invalid, ok, type ActionResult, type Refusal } from '@/lib/action-result';
import { isUniqueViolation } from '@/lib/admins/db-errors';
import { diff, writeAudit } from '@/lib/audit/write-audit';
import type { Caller, UseCaseArgs } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { keyWith } from '@/lib/i18n/translate';
import { planSchema, type PlanValues } from '@/lib/validations/plan';
import { blockingErrors, domainList, NAMED_DOMAINS_MAX, narrowingOf } from './narrowing';
import { isPlanId } from './read-plans';

const NAME_TAKEN = 'plans.errors.nameTaken';
const NAME_CONSTRAINT = 'plans_name_unique';


function columnsOf({ version: _version, ...values }: PlanValues): PlanColumns {
  return values;
}

/** A stored plan's settings, without id, version, timestamps and usage: what the audit log records. */
function planColumnsOf(plan: PlanWithUsage): PlanColumns {
  const { id: _id, version: _version, createdAt: _created, updatedAt: _updated, domainCount: _count, ...columns } = plan;
  return columns;
}

/**
 * What a create or update that threw answers: the name taken, found by the check or, with two saves of
 * the same name at once, by the unique constraint turning the second away. Anything else is thrown on.
 */
function nameRefusal(error: unknown): Refusal {
  if (isFailure(error, 'validation')) return fail(error);
  if (isUniqueViolation(error, NAME_CONSTRAINT)) return fieldError('name', NAME_TAKEN);
  throw error;
}

/** The superadmin creates a plan. A name already used (in any case) is a field error. */
export async function createPlan({ caller, ip, input }: UseCaseArgs): Promise<ActionResult<{ id: number; name: string }>> {
  assertCan(caller, 'plans:write');
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const values = columnsOf(parsed.data);
  try {
    const row = await getDb().transaction(async (tx) => {
      if (await planNameTaken({ ex: tx, name: values.name })) throw validation({ name: NAME_TAKEN });
      const created = await insertPlan({ ex: tx, values });
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'plan.create',
        targetType: 'plan',
        targetId: created.id,
        targetLabel: created.name,
        details: { after: values },
      });
      return created;
    });
    return ok({ id: row.id, name: row.name });
  } catch (error) {
    return nameRefusal(error);
  }
}

/**
 * The superadmin changes a plan it read at `input.version`. Refused with errors.conflict when
 * someone saved it since; refused, naming the domains, when the change takes away what domains on
 * the plan already use.
 */
export async function updatePlan({ caller, ip, id, input }: UseCaseArgs<{ id: number }>): Promise<ActionResult<{ id: number; version: number }>> {
  assertCan(caller, 'plans:write');
  if (!isPlanId(id)) throw notFound();
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { version } = parsed.data;
  // A save that does not say which version it read cannot be told from a stale one.
  if (version === undefined) return fail(conflict());
  const values = columnsOf(parsed.data);
  try {
    return await getDb().transaction(async (tx): Promise<ActionResult<{ id: number; version: number }>> => {
      // Held until commit: writers that must stay within the plan read it FOR SHARE and wait.
      const before = await getPlanById({ ex: tx, id, lock: 'update' });
      if (!before) throw notFound();
      if (before.version !== version) return fail(conflict());
      if (await planNameTaken({ ex: tx, name: values.name, exceptId: id })) throw validation({ name: NAME_TAKEN });

      const blocking = await findDomainsBlockingPlanChange({ ex: tx, planId: id, narrowing: narrowingOf(before, values) });
      if (blocking.length > 0) {
        const { formError, fieldErrors } = blockingErrors(blocking, caller.language);
        // Domains on the plan use what the change takes away: field by field where a field says it.
        return fail(Object.keys(fieldErrors).length > 0 ? validation({ ...fieldErrors, _form: formError }) : refused(formError));
      }

      const after = await updatePlanIfVersion({ ex: tx, id, version, values });
      if (!after) return fail(conflict());
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'plan.update',
        targetType: 'plan',
        targetId: id,
        targetLabel: after.name,
        details: diff(planColumnsOf(before), values),
      });
      return ok({ id, version: after.version });
    });
  } catch (error) {
    return nameRefusal(error);
  }
}

/** The superadmin deletes a plan no domain is on; otherwise the refusal names the domains. */
export async function deletePlan({
  caller,
  ip,
  id,
}: {
  caller: Caller | null;
  ip: string | null;
  id: number;
}): Promise<ActionResult<{ name: string }>> {
  assertCan(caller, 'plans:write');
  if (!isPlanId(id)) throw notFound();
  const db = getDb();
  const inUse = async (): Promise<ActionResult<never>> => {
    const { names, total } = await findDomainsUsingPlan({ ex: db, planId: id, limit: NAMED_DOMAINS_MAX });
    return fail(refused(keyWith('plans.errors.inUse', { domains: domainList(names, total, caller.language) })));
  };
  try {
    const result = await db.transaction(async (tx): Promise<{ name: string } | 'inUse'> => {
      const plan = await getPlanById({ ex: tx, id, lock: 'update' });
      if (!plan) throw notFound();
      if (plan.domainCount > 0) return 'inUse';
      const deleted = await deletePlanIfUnused({ ex: tx, id });
      if (!deleted) return 'inUse';
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'plan.delete',
        targetType: 'plan',
        targetId: id,
        targetLabel: deleted.name,
        details: { before: planColumnsOf(plan) },
      });
      return { name: deleted.name };
    });
    return result === 'inUse' ? await inUse() : ok(result);
  } catch (error) {
    // A domain put on the plan at the same moment: the foreign key (ON DELETE RESTRICT) refuses.
    if (isForeignKeyRefusal(error)) return inUse();
    throw error;
  }
}

function isForeignKeyRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (code === '23503' || code === '23001') return true;
    e = cause;
  }
  return false;
}
