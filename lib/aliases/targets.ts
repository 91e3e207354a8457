import 'server-only';
import type { Executor } from '@/db';
import { accountAddressesAmong, accountIdsAmong, aliasDomainPrimaries, aliasTargetsOf, hostedDomainsAmong } from '@/db/queries/aliases';
import { displayAddress } from '@/lib/domains/display-name';
import { keyWith } from '@/lib/i18n/keys';
import { ALIAS_CHAIN_MAX } from '@/lib/validations/alias-constants';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * Each address as mail to it is delivered: one at an alias domain becomes the same local part at the domain
 * it stands for (as Postfix and mail.alias_edges resolve it), any other stays as it is. In the same order.
 */
export async function canonicalAddresses({ ex, addresses }: { ex: Executor; addresses: string[] }): Promise<string[]> {
  const primaries = await aliasDomainPrimaries({ ex, names: [...new Set(addresses.map(domainOf))] });
  return addresses.map((address) => {
    const primary = primaries.get(domainOf(address));
    return primary === undefined ? address : `${address.slice(0, address.lastIndexOf('@'))}@${primary}`;
  });
}

/** Of these aliases' addresses, each alias's targets as delivered (canonicalAddresses). */
async function resolvedTargetsOf(ex: Executor, addresses: string[]): Promise<Map<string, string[]>> {
  const found = await aliasTargetsOf({ ex, addresses });
  const resolved = await canonicalAddresses({ ex, addresses: [...found.values()].flat() });
  let at = 0;
  return new Map([...found].map(([alias, targets]) => [alias, targets.map(() => resolved[at++]!)]));
}

/**
 * The refusal (a message key) for an alias `address` delivering to `targets`, or null: itself; an address
 * of a domain the panel hosts that is neither an account nor an alias (it would bounce); a loop back to
 * `address` through other aliases; a chain of aliases longer than ALIAS_CHAIN_MAX. Inactive aliases count:
 * turning one on again must not close a loop. An address at an alias domain is checked as the domain's
 * address it is delivered to (exists, loops, chains), as Postfix resolves it.
 */
export async function targetRefusal({ ex, address, targets }: { ex: Executor; address: string; targets: string[] }): Promise<string | null> {
  // A target at an alias domain is the address it is delivered to at the domain (user@alias → user@domain).
  const delivered = await canonicalAddresses({ ex, addresses: targets });
  const self = targets.find((_, i) => delivered[i] === address);
  if (self !== undefined) return keyWith('aliases.errors.targetSelf', { address: displayAddress(self) });
  const hosted = await hostedDomainsAmong({ ex, names: [...new Set(delivered.map(domainOf))] });
  const local = delivered.filter((target) => hosted.has(domainOf(target)));
  const accounts = await accountAddressesAmong({ ex, addresses: local });
  const firstHop = await resolvedTargetsOf(ex, local);
  const unknown = targets.find((_, i) => hosted.has(domainOf(delivered[i]!)) && !accounts.has(delivered[i]!) && !firstHop.has(delivered[i]!));
  if (unknown) return keyWith('aliases.errors.targetUnknown', { address: displayAddress(unknown) });

  // Breadth first through the aliases the targets name: a step per level of the chain.
  const seen = new Set<string>();
  let level = firstHop;
  for (let depth = 1; level.size > 0; depth += 1) {
    if (depth > ALIAS_CHAIN_MAX - 1) return keyWith('aliases.errors.chainTooLong', { max: ALIAS_CHAIN_MAX });
    const next: string[] = [];
    for (const [alias, aliasTargets] of level) {
      seen.add(alias);
      for (const target of aliasTargets) {
        if (target === address) return keyWith('aliases.errors.loop', { address: displayAddress(alias) });
        if (!seen.has(target)) next.push(target);
      }
    }
    level = await resolvedTargetsOf(ex, [...new Set(next)]);
  }
  return null;
}

/**
 * The send-as grants for an alias delivering to `targets`: each address in `sendAs` must be an account that
 * receives the alias's mail (a target, or a target of the aliases it names, up to ALIAS_CHAIN_MAX deep; an
 * address at an alias domain counts as the domain's).
 * The accounts' ids, or the refusal (a message key) naming the first address that does not.
 */
export async function sendAsGrants({ ex, targets, sendAs }: { ex: Executor; targets: string[]; sendAs: string[] }): Promise<{ ids: number[] } | { refusal: string }> {
  if (sendAs.length === 0) return { ids: [] };
  const receiving = new Map<string, number>();
  const seen = new Set<string>();
  // Through alias domains as mail goes: a target (or a grant) at an alias domain is the domain's address.
  let level = [...new Set(await canonicalAddresses({ ex, addresses: targets }))];
  for (let depth = 0; level.length > 0 && depth < ALIAS_CHAIN_MAX; depth += 1) {
    level.forEach((address) => seen.add(address));
    for (const [address, id] of await accountIdsAmong({ ex, addresses: level })) receiving.set(address, id);
    const next = [...(await resolvedTargetsOf(ex, level)).values()].flat().filter((address) => !seen.has(address));
    level = [...new Set(next)];
  }
  const granted = await canonicalAddresses({ ex, addresses: sendAs });
  const outsider = sendAs.find((_, i) => !receiving.has(granted[i]!));
  if (outsider) return { refusal: keyWith('aliases.errors.sendAsNotReceiving', { address: displayAddress(outsider) }) };
  return { ids: [...new Set(granted.map((address) => receiving.get(address)!))] };
}
