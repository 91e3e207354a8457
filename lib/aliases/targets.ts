import 'server-only';
import type { Executor } from '@/db';
import { accountAddressesAmong, aliasTargetsOf, hostedDomainsAmong } from '@/db/queries/aliases';
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
