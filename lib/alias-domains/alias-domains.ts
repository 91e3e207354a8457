import 'server-only';
import { getDb } from '@/db';
import { deleteAliasDomainOf, domainIdOfAliasDomain, domainNameOwner, insertAliasDomain, listAliasDomainsOf, countAliasDomainsOf, type AliasDomainRow } from '@/db/queries/alias-domains';
import { listDkimKeys } from '@/db/queries/dkim-keys';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { isUniqueViolation } from '@/lib/admins/db-errors';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { displayDomain } from '@/lib/domains/display-name';
import { lockDomain, scopedDomain } from '@/lib/domains/lock-domain';
import { notFound } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/keys';
import { dkimSyncJob, queueMailJobs } from '@/lib/jobs/enqueue';
import { aliasDomainSchema, ALIAS_DOMAINS_MAX } from '@/lib/validations/alias-domain';
import { isRowId } from '@/lib/validations/common';

// Alias domains (issue 17, point 4): another name of a hosted domain, managed by the domain's admins
// (domains:update). Postfix reads them from the mail views at each lookup (mail.alias_domains,
// mail.alias_domain_addresses), so adding or removing one needs no job for Postfix; the DKIM signer's
// files name each domain, so when the domain signs, its key files are rendered again (dkim-sync) for
// the alias domain's name too.

export type AliasDomains = { domain: { id: number; name: string }; aliasDomains: AliasDomainRow[] };

/** A domain's alias domains, for whoever may read the domain. */
export async function listAliasDomains({ caller, domainId }: { caller: Caller; domainId: number }): Promise<AliasDomains> {
  assertCan(caller, 'domains:read');
  const domain = await scopedDomain(caller, domainId);
  return { domain: { id: domain.id, name: domain.name }, aliasDomains: await listAliasDomainsOf({ ex: getDb(), domainId: domain.id }) };
}

const NAME_SPACE = 'domain_name_space_key';

/** Why the name cannot be the domain's alias domain (a message key on `name`), or null. */
function nameRefusal(name: string, owner: 'domain' | 'aliasDomain' | null, own: string): string | null {
  if (name === own) return 'domains.aliasDomains.errors.ownName';
  if (owner === 'domain') return keyWith('domains.aliasDomains.errors.hosted', { name: displayDomain(name) });
  if (owner === 'aliasDomain') return keyWith('domains.aliasDomains.errors.taken', { name: displayDomain(name) });
  return null;
}

/**
 * Adds an alias domain to the domain: a name no hosted domain and no alias domain has (the database's
 * trigger refuses it too, under a lock per name, so a racing domain creation cannot take it as well).
 */
export async function addAliasDomain({ caller, ip, domainId, input }: { caller: Caller; ip: string | null; domainId: number; input: unknown }): Promise<ActionResult<AliasDomainRow>> {
  assertCan(caller, 'domains:update');
  const parsed = aliasDomainSchema.safeParse(input);
  try {
    return await getDb().transaction(async (tx) => {
      const { domain } = await lockDomain(tx, caller, domainId, 'domains:update');
      if (!parsed.success) return invalid(parsed.error);
      const { name } = parsed.data;
      const refusal = nameRefusal(name, await domainNameOwner({ ex: tx, name }), domain.name);
      if (refusal) return fieldError('name', refusal);
      if ((await countAliasDomainsOf({ ex: tx, domainId: domain.id })) >= ALIAS_DOMAINS_MAX) {
        return fieldError('name', keyWith('domains.aliasDomains.errors.tooMany', { max: ALIAS_DOMAINS_MAX }));
      }
      const created = await insertAliasDomain({ ex: tx, domainId: domain.id, name });
      if (!created) return fieldError('name', keyWith('domains.aliasDomains.errors.taken', { name: displayDomain(name) }));
      await changed(tx, { caller, ip, domain, action: 'aliasDomain.create', name });
      return ok(created);
    });
  } catch (error) {
    // Lost a race with a domain of the same name created at the same moment (the trigger's refusal).
    if (parsed.success && isUniqueViolation(error, NAME_SPACE)) return fieldError('name', keyWith('domains.aliasDomains.errors.hosted', { name: displayDomain(parsed.data.name) }));
    throw error;
  }
}

/** Removes one of the domain's alias domains: its addresses refuse mail at once. */
export async function removeAliasDomain({ caller, ip, id }: { caller: Caller; ip: string | null; id: number }): Promise<ActionResult<{ name: string; domainId: number }>> {
  assertCan(caller, 'domains:update');
  const domainId = isRowId(id) ? await domainIdOfAliasDomain({ ex: getDb(), id }) : undefined;
  if (domainId === undefined) return fail(notFound());
  return getDb().transaction(async (tx) => {
    // Its domain read under the caller's scope: one out of reach is not found, as a missing one.
    const { domain } = await lockDomain(tx, caller, domainId, 'domains:update');
    const removed = await deleteAliasDomainOf({ ex: tx, domainId: domain.id, id });
    if (!removed) return fail(notFound());
    await changed(tx, { caller, ip, domain, action: 'aliasDomain.delete', name: removed.name });
    return ok({ name: removed.name, domainId: domain.id });
  });
}

type Tx = Parameters<typeof listDkimKeys>[0]['ex'];

/** What adding or removing an alias domain does besides its row: the signer's files again when the domain signs, and the audit row. */
async function changed(
  tx: Tx,
  { caller, ip, domain, action, name }: { caller: Caller; ip: string | null; domain: Parameters<typeof dkimSyncJob>[0]; action: 'aliasDomain.create' | 'aliasDomain.delete'; name: string },
) {
  if (await signs(tx, domain.id)) await queueMailJobs(tx, [dkimSyncJob(domain)]);
  await writeAudit(tx, { actor: caller, ip, action, targetType: 'domain', targetId: domain.id, targetLabel: name, domain: { id: domain.id, name: domain.name } });
}

/** Whether the domain has a key the signer uses (active or retiring): then its files name the alias domains too. */
async function signs(ex: Tx, domainId: number): Promise<boolean> {
  return (await listDkimKeys({ ex, domainId })).some((k) => k.state !== 'pending');
}
