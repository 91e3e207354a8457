import 'server-only';
import { getDb } from '@/db';
import { getPlanById } from '@/db/queries/plans';
import { deleteDomainById, updateDomainIfVersion } from '@/db/queries/domains';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { diff, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { conflict, notFound } from '@/lib/failure';
import { deleteDomainMailJob, kickDomainJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { SERVICES } from '@/lib/mail/services';
import { deleteDomainSchema, domainSettingsSchema } from '@/lib/validations/domain';
import { displayDomain } from './display-name';
import { lockDomain } from './lock-domain';

/** Services (a subset of the plan's), default storage (one of the plan's options) and the postmaster's limits. */
export async function updateDomainSettings({ caller, ip, id, input }: { caller: Caller; ip: string | null; id: number; input: unknown }): Promise<ActionResult<{ version: number }>> {
  assertCan(caller, 'domains:update');
  const parsed = domainSettingsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { version, services, defaultStorageBytes, pmCanManageAliases, ...flags } = parsed.data;
  // "May manage aliases" left out stays as it is.
  const limits = pmCanManageAliases === undefined ? flags : { ...flags, pmCanManageAliases };
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    // Read the plan under a share lock: a plan edit narrowing it waits for this save, and then sees it.
    const plan = await getPlanById({ ex: tx, id: domain.planId, lock: 'share' });
    if (!plan) throw notFound();
    const outside = SERVICES.find((s) => services[s] && !plan[s]);
    if (outside) return fieldError(`services.${outside}`, 'domains.errors.serviceNotInPlan');
    if (defaultStorageBytes !== null && !plan.storageOptionsBytes.includes(defaultStorageBytes)) {
      return fieldError('defaultStorageBytes', 'domains.errors.storageNotInPlan');
    }
    const values = { ...services, defaultStorageBytes, ...limits };
    const updated = await updateDomainIfVersion({ ex: tx, id: domain.id, version, values });
    if (!updated) throw conflict();
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'domain.update',
      targetType: 'domain',
      targetId: id,
      targetLabel: domain.name,
      domain: { id, name: domain.name },
      details: diff(domain as unknown as Record<string, unknown>, values),
    });
    return ok({ version: updated.version });
  });
}

/**
 * An inactive domain's accounts receive no mail and use no service; their sessions end at once (the
 * panel's through the domain check at every request, the mail host's through a `kick-domain` job).
 */
export async function setDomainActive({ caller, ip, id, active }: { caller: Caller; ip: string | null; id: number; active: boolean }): Promise<ActionResult<{ active: boolean }>> {
  return getDb().transaction(async (tx) => {
    const { domain } = await lockDomain(tx, caller, id, 'domains:update');
    if (domain.active === active) return ok({ active });
    await updateDomainIfVersion({ ex: tx, id: domain.id, version: domain.version, values: { active } });
    if (!active) await queueMailJobs(tx, [kickDomainJob({ id, name: domain.name })]);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: active ? 'domain.reactivate' : 'domain.deactivate',
      targetType: 'domain',
      targetId: id,
      targetLabel: domain.name,
      domain: { id, name: domain.name },
    });
    return ok({ active });
  });
}

/**
 * Irreversible: the domain and everything under it; a `delete-domain-mail` job removes its mail from the
 * mail host. The caller must type the domain's name.
 */
export async function deleteDomain({ caller, ip, id, input }: { caller: Caller; ip: string | null; id: number; input: unknown }): Promise<ActionResult<{ name: string }>> {
  assertCan(caller, 'domains:delete');
  const parsed = deleteDomainSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return getDb().transaction(async (tx) => {
    const { domain, accounts } = await lockDomain(tx, caller, id, 'domains:delete');
    const typed = parsed.data.confirmName.toLowerCase().replace(/\.$/, '');
    if (typed !== domain.name && typed !== displayDomain(domain.name)) return fieldError('confirmName', 'domains.errors.confirmMismatch');
    if (!(await deleteDomainById({ ex: tx, id: domain.id }))) return fail(notFound());
    await queueMailJobs(tx, [deleteDomainMailJob({ name: domain.name })]);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'domain.delete',
      targetType: 'domain',
      targetId: id,
      targetLabel: domain.name,
      domain: { id: null, name: domain.name },
      details: { accounts },
    });
    return ok({ name: domain.name });
  });
}
