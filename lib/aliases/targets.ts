import 'server-only';
import type { Executor } from '@/db';
import { accountAddressesAmong, accountIdsAmong, aliasTargetsOf, hostedDomainsAmong } from '@/db/queries/aliases';
import { displayAddress } from '@/lib/domains/display-name';
import { keyWith } from '@/lib/i18n/keys';
import { ALIAS_CHAIN_MAX } from '@/lib/validations/alias-constants';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * The refusal (a message key) for an alias `address` delivering to `targets`, or null: itself; an address
 * of a domain the panel hosts that is neither an account nor an alias (it would bounce); a loop back to
 * `address` through other aliases; a chain of aliases longer than ALIAS_CHAIN_MAX. Inactive aliases count:
 * turning one on again must not close a loop.
 */
export async function targetRefusal({ ex, address, targets }: { ex: Executor; address: string; targets: string[] }): Promise<string | null> {
  if (targets.includes(address)) return keyWith('aliases.errors.targetSelf', { address: displayAddress(address) });
  const hosted = await hostedDomainsAmong({ ex, names: [...new Set(targets.map(domainOf))] });
  const local = targets.filter((target) => hosted.has(domainOf(target)));
  const accounts = await accountAddressesAmong({ ex, addresses: local });
  const firstHop = await aliasTargetsOf({ ex, addresses: local });
  const unknown = local.find((target) => !accounts.has(target) && !firstHop.has(target));
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
    level = await aliasTargetsOf({ ex, addresses: [...new Set(next)] });
  }
  return null;
}

/**
 * The send-as grants for an alias delivering to `targets`: each address in `sendAs` must be an account that
 * receives the alias's mail (a target, or a target of the aliases it names, up to ALIAS_CHAIN_MAX deep).
 * The accounts' ids, or the refusal (a message key) naming the first address that does not.
 */
export async function sendAsGrants({ ex, targets, sendAs }: { ex: Executor; targets: string[]; sendAs: string[] }): Promise<{ ids: number[] } | { refusal: string }> {
  if (sendAs.length === 0) return { ids: [] };
  const receiving = new Map<string, number>();
  const seen = new Set<string>();
  let level = targets;
  for (let depth = 0; level.length > 0 && depth < ALIAS_CHAIN_MAX; depth += 1) {
    level.forEach((address) => seen.add(address));
    for (const [address, id] of await accountIdsAmong({ ex, addresses: level })) receiving.set(address, id);
    const next = [...(await aliasTargetsOf({ ex, addresses: level })).values()].flat().filter((address) => !seen.has(address));
    level = [...new Set(next)];
  }
  const outsider = sendAs.find((address) => !receiving.has(address));
  if (outsider) return { refusal: keyWith('aliases.errors.sendAsNotReceiving', { address: displayAddress(outsider) }) };
  return { ids: sendAs.map((address) => receiving.get(address)!) };
}
