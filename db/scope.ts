import { eq, sql, type SQL } from 'drizzle-orm';
import { domains } from '@/db/schema';

// Writes take a scope, never a bare id. A caller's reach is a DomainScope (a WHERE condition on
// `domains`); the scoped reads in db/queries return the ids of what they found under it as ScopedId,
// and the writes of those rows accept nothing else, so a write whose row was not first read under the
// caller's scope does not type-check.

declare const brand: unique symbol;

/** A WHERE condition on `domains` naming what a caller reaches: made only by lib/auth/scope.ts. */
export type DomainScope = SQL & { readonly [brand]: 'DomainScope' };

/** The id of a row read under a DomainScope (kind: which table). */
export type ScopedId<Kind extends 'domain' | 'mailbox' | 'alias'> = number & { readonly [brand]: Kind };

/** Which domains a caller reaches: every one, its admin's, its own, or none. */
export type Reach = { all: true } | { adminId: number } | { domainId: number } | { none: true };

export function domainScopeOf(reach: Reach): DomainScope {
  if ('all' in reach) return sql`true` as DomainScope;
  if ('adminId' in reach) return eq(domains.adminId, reach.adminId) as DomainScope;
  if ('domainId' in reach) return eq(domains.id, reach.domainId) as DomainScope;
  return sql`false` as DomainScope;
}

/** For the scoped reads: an id they found under `scope` (the scope argument proves one was applied). */
export function scopedId<Kind extends 'domain' | 'mailbox' | 'alias'>(_scope: DomainScope, _kind: Kind, id: number): ScopedId<Kind> {
  return id as ScopedId<Kind>;
}
