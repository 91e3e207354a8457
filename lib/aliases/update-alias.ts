import 'server-only';
import { getDb } from '@/db';
import { deleteAliasById, replaceAliasSendAs, replaceAliasTargets, updateAliasIfVersion } from '@/db/queries/aliases';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { diff, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { conflict, notFound } from '@/lib/failure';
import { aliasUpdateSchema } from '@/lib/validations/alias';
import { loadAlias, lockDomainForAliases } from './access';
import { sendAsGrants, targetRefusal } from './targets';

/**
 * An alias's description, active switch, targets, who may send to it and who may send as it, as a whole, with the version read last (409 when
 * someone saved since). Its address never changes. Deactivated, it refuses mail like an unknown address.
 */
export async function updateAlias({ caller, ip, id, input }: { caller: Caller; ip: string | null; id: number; input: unknown }): Promise<ActionResult<{ version: number }>> {
  assertCan(caller, 'aliases:update');
  const parsed = aliasUpdateSchema.safeParse(input);
  return getDb().transaction(async (tx) => {
    const found = await loadAlias({ ex: tx, caller, id, action: 'aliases:update' });
    // The domain first (as creation takes it), then the alias row.
    await lockDomainForAliases({ ex: tx, caller, domainId: found.domainId, action: 'aliases:update' });
    const alias = await loadAlias({ ex: tx, caller, id, action: 'aliases:update', forUpdate: true });
    if (!parsed.success) return invalid(parsed.error);
    const { version, targets, sendAs, ...values } = parsed.data;
    if (alias.version !== version) return fail(conflict());
    const refusal = await targetRefusal({ ex: tx, address: alias.address, targets });
    if (refusal) return fieldError('targets', refusal);
    const grants = await sendAsGrants({ ex: tx, targets, sendAs });
    if ('refusal' in grants) return fieldError('sendAs', grants.refusal);
    const updated = await updateAliasIfVersion({ ex: tx, id: alias.id, version, values });
    if (!updated) return fail(conflict());
    await replaceAliasTargets({ ex: tx, aliasId: alias.id, targets });
    await replaceAliasSendAs({ ex: tx, aliasId: alias.id, mailboxIds: grants.ids });
    const before = { description: alias.description, active: alias.active, senders: alias.senders, targets: alias.targets.join(', '), sendAs: alias.sendAs.join(', ') };
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'alias.update',
      targetType: 'alias',
      targetId: alias.id,
      targetLabel: alias.address,
      domain: { id: alias.domainId, name: alias.domainName },
      details: diff(before, { ...values, targets: targets.join(', '), sendAs: sendAs.join(', ') }),
    });
    return ok({ version: updated.version });
  });
}

/** Deletes an alias: its address refuses mail at once and is free for an account or another alias. */
export async function deleteAlias({ caller, ip, id }: { caller: Caller; ip: string | null; id: number }): Promise<ActionResult<{ address: string }>> {
  assertCan(caller, 'aliases:delete');
  return getDb().transaction(async (tx) => {
    const alias = await loadAlias({ ex: tx, caller, id, action: 'aliases:delete', forUpdate: true });
    if (!(await deleteAliasById({ ex: tx, id: alias.id }))) return fail(notFound());
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'alias.delete',
      targetType: 'alias',
      targetId: alias.id,
      targetLabel: alias.address,
      domain: { id: alias.domainId, name: alias.domainName },
      details: { targets: alias.targets },
    });
    return ok({ address: alias.address });
  });
}
