import 'server-only';
import { getDb } from '@/db';
import { accountIdInDomain, getAddressSettingsRow } from '@/db/queries/aliases';
import { updateDomainIfVersion } from '@/db/queries/domains';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { diff, writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { displayAddress } from '@/lib/domains/display-name';
import { conflict, notFound } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/keys';
import { addressSettingsSchema } from '@/lib/validations/alias';
import { lockDomainForAliases, readAliasDomain } from './access';

export type AddressSettings = { domainId: number; domainName: string; version: number; catchAll: string | null; plusAddressing: boolean };

/** A domain's catch-all account and plus-addressing switch, for those who may manage its aliases. */
export async function getAddressSettings({ caller, domainId }: { caller: Caller; domainId: number }): Promise<AddressSettings> {
  const ex = getDb();
  const domain = await readAliasDomain({ ex, caller, domainId, action: 'aliases:read' });
  const row = await getAddressSettingsRow({ ex, id: domain.id });
  if (!row) throw notFound();
  return { domainId: domain.id, domainName: domain.name, version: row.version, catchAll: row.catchAllAddress, plusAddressing: row.plusAddressing };
}

/**
 * Sets the domain's catch-all (an account of the domain, or none) and plus-addressing, with the domain's
 * version read last. The mail servers read both from the mail views at each lookup (mail.catch_all,
 * mail.plus_addressing_off), so like the aliases no mail-host job is needed; the audit row is written in
 * the same transaction.
 */
export async function updateAddressSettings({ caller, ip, domainId, input }: { caller: Caller; ip: string | null; domainId: number; input: unknown }): Promise<ActionResult<{ version: number }>> {
  assertCan(caller, 'aliases:update');
  const parsed = addressSettingsSchema.safeParse(input);
  return getDb().transaction(async (tx) => {
    const domain = await lockDomainForAliases({ ex: tx, caller, domainId, action: 'aliases:update' });
    if (!parsed.success) return invalid(parsed.error);
    const { version, plusAddressing } = parsed.data;
    const current = await getAddressSettingsRow({ ex: tx, id: domain.id });
    if (!current) return fail(notFound());
    if (current.version !== version) return fail(conflict());
    const catchAll = parsed.data.catchAll && (parsed.data.catchAll.includes('@') ? parsed.data.catchAll : `${parsed.data.catchAll}@${domain.name}`);
    const catchAllMailboxId = catchAll ? await accountIdInDomain({ ex: tx, domainId: domain.id, address: catchAll }) : null;
    if (catchAll && !catchAllMailboxId) return fieldError('catchAll', keyWith('aliases.errors.catchAllUnknown', { address: displayAddress(catchAll) }));
    const updated = await updateDomainIfVersion({ ex: tx, id: domain.id, version, values: { catchAllMailboxId: catchAllMailboxId ?? null, plusAddressing } });
    if (!updated) return fail(conflict());
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'domain.addressSettings',
      targetType: 'domain',
      targetId: domain.id,
      targetLabel: domain.name,
      domain: { id: domain.id, name: domain.name },
      details: diff({ catchAll: current.catchAllAddress, plusAddressing: current.plusAddressing }, { catchAll: catchAll || null, plusAddressing }),
    });
    return ok({ version: updated.version });
  });
}
