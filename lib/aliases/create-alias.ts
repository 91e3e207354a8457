import 'server-only';
import { getDb } from '@/db';
import { addressOwner, insertAlias, replaceAliasSendAs, replaceAliasTargets } from '@/db/queries/aliases';
import { fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { displayAddress } from '@/lib/domains/display-name';
import { keyWith } from '@/lib/i18n/keys';
import { aliasCreateSchema } from '@/lib/validations/alias';
import { lockDomainForAliases } from './access';
import { sendAsGrants, targetRefusal } from './targets';

export type CreatedAlias = { id: number; address: string; version: number };

/**
 * A new alias of a domain: its address free in the domain's one address space (no account, no alias), the
 * plan's "aliases per domain" not reached, its targets checked (targetRefusal). The domain is locked as
 * account creation locks it, so racing creators take turns and exactly one gets an address.
 */
export async function createAlias({ caller, ip, domainId, input }: { caller: Caller; ip: string | null; domainId: number; input: unknown }): Promise<ActionResult<CreatedAlias>> {
  assertCan(caller, 'aliases:create');
  const parsed = aliasCreateSchema.safeParse(input);
  return getDb().transaction(async (tx) => {
    const domain = await lockDomainForAliases({ ex: tx, caller, domainId, action: 'aliases:create' });
    if (!parsed.success) return invalid(parsed.error);
    const { localPart, description, active, targets, senders, sendAs } = parsed.data;
    const address = `${localPart}@${domain.name}`;
    if (await addressOwner({ ex: tx, domainId: domain.id, localPart })) {
      return fieldError('localPart', keyWith('wizard.errors.addressTaken', { address: displayAddress(address) }));
    }
    if (domain.aliases >= domain.maxAliases) return fieldError('localPart', keyWith('aliases.errors.planLimit', { max: domain.maxAliases }));
    const refusal = await targetRefusal({ ex: tx, address, targets });
    if (refusal) return fieldError('targets', refusal);
    const grants = await sendAsGrants({ ex: tx, targets, sendAs });
    if ('refusal' in grants) return fieldError('sendAs', grants.refusal);
    const created = await insertAlias({ ex: tx, domainId: domain.id, domainName: domain.name, values: { localPart, description, active, senders } });
    if (!created) return fieldError('localPart', keyWith('wizard.errors.addressTaken', { address: displayAddress(address) }));
    await replaceAliasTargets({ ex: tx, aliasId: created.id, targets });
    await replaceAliasSendAs({ ex: tx, aliasId: created.id, mailboxIds: grants.ids });
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'alias.create',
      targetType: 'alias',
      targetId: created.id,
      targetLabel: created.address,
      domain: { id: domain.id, name: domain.name },
      details: { description, active, targets, senders, sendAs },
    });
    return ok(created);
  });
}
