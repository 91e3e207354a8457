import 'server-only';
import { getDb } from '@/db';
import { domainNameOwner } from '@/db/queries/alias-domains';
import { addressesAwaitingMailRemoval } from '@/db/queries/mail-jobs';
import { insertDomain } from '@/db/queries/domains';
import { insertMailbox } from '@/db/queries/mailboxes';
import { findActiveAdminId, findPlanForNewDomain } from '@/db/queries/new-domain';
import { fail, invalid, ok, type ActionResult } from '@/lib/action-result';
import { isUniqueViolation } from '@/lib/admins/db-errors';
import { mailboxTarget, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { forbidden, isFailure, validation } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { POSTMASTER_QUOTA_BYTES, serviceFlags } from '@/lib/mail/services';
import { addDomainSchema } from '@/lib/validations/domain';
import { displayDomain } from './display-name';


export type AddedDomain = { id: number; name: string; postmaster: string; postmasterPassword: string };

/** Adds a domain and, in the same transaction, its postmaster with a generated password shown once. */
export async function addDomain({ caller, ip, input }: { caller: Caller; ip: string | null; input: unknown }): Promise<ActionResult<AddedDomain>> {
  assertCan(caller, 'domains:create');
  const parsed = addDomainSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, planId, adminId } = parsed.data;
  // An admin owns what it adds; only the superadmin may add a domain for another admin. An admin naming
  // another owner is refused (403, nothing added), not quietly given the domain itself.
  if (caller.role !== 'superadmin' && adminId !== undefined && adminId !== caller.id) return fail(forbidden('domains.errors.ownerSuperadminOnly'));
  const ownerId = caller.role === 'superadmin' ? (adminId ?? caller.id) : caller.id;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);

  try {
    const added = await getDb().transaction(async (tx) => {
      const plan = await findPlanForNewDomain({ ex: tx, id: planId });
      if (!plan) throw validation({ planId: 'domains.errors.planMissing' });
      const owner = await findActiveAdminId({ ex: tx, id: ownerId });
      if (!owner) throw validation({ adminId: 'domains.errors.ownerMissing' });

      // The same domain deleted a moment ago, its mail not yet removed from the mail host: not yet.
      if ((await addressesAwaitingMailRemoval({ ex: tx, addresses: [`postmaster@${name}`] })).size > 0) {
        throw validation({ name: keyWith('jobs.errors.domainBeingCleared', { domain: displayDomain(name) }) });
      }
      // Another domain's alias domain holds no accounts of its own: it cannot become a domain (issue 17).
      if ((await domainNameOwner({ ex: tx, name })) === 'aliasDomain') throw validation({ name: keyWith('domains.errors.isAliasDomain', { name: displayDomain(name) }) });
      const services = serviceFlags(plan);
      const domain = await insertDomain({ ex: tx, name, adminId: owner.id, planId: plan.id, services });
      if (!domain) throw validation({ name: 'domains.errors.taken' });
      const postmaster = await insertMailbox({
        ex: tx,
        values: {
          domainId: domain.id,
          localPart: 'postmaster',
          address: `postmaster@${domain.name}`,
          isPostmaster: true,
          passwordHash,
          quotaBytes: POSTMASTER_QUOTA_BYTES,
          dailySendLimit: plan.defaultDailySendLimit,
          description: 'Postmaster',
          ...services,
        },
      });
      if (!postmaster) throw new Error(`postmaster@${domain.name} exists already`);
      const ref = { id: domain.id, name: domain.name };
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'domain.create',
        targetType: 'domain',
        targetId: domain.id,
        targetLabel: domain.name,
        domain: ref,
        details: { plan: plan.name, ownerId: owner.id },
      });
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'postmaster.create',
        ...mailboxTarget(postmaster, ref),
        details: { quotaBytes: POSTMASTER_QUOTA_BYTES },
      });
      return { id: domain.id, name: domain.name, postmaster: postmaster.address };
    });
    return ok({ ...added, postmasterPassword: password });
  } catch (error) {
    if (isFailure(error, 'validation')) return fail(error);
    // An alias domain of that name added at the same moment (the database's name-space trigger).
    if (isUniqueViolation(error, 'domain_name_space_key')) return fail(validation({ name: keyWith('domains.errors.isAliasDomain', { name: displayDomain(name) }) }));
    throw error;
  }
}
