import type { TokenOwner } from '@/db/queries/api-tokens';
import type { Caller } from '@/lib/auth/caller';

/** A token always belongs to the caller who manages it: never to an id taken from the request. */
export function tokenOwner(caller: Caller): TokenOwner {
  return { kind: caller.kind, id: caller.id };
}
