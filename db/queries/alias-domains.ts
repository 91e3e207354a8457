import 'server-only';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import type { ScopedId } from '@/db/scope';
import { aliasDomains, domains } from '@/db/schema';

// Alias domains (issue 17, point 4; db/schema/alias-domains.ts). The caller's scope is checked on the
// domain (lockDomain/scopedDomain) before any of these runs; the writes take its ScopedId.

export type AliasDomainRow = { id: number; name: string; createdAt: Date };

/** A domain's alias domains, by name. */
export async function listAliasDomainsOf({ ex, domainId }: { ex: Executor; domainId: number }): Promise<AliasDomainRow[]> {
  return ex
    .select({ id: aliasDomains.id, name: aliasDomains.name, createdAt: aliasDomains.createdAt })
    .from(aliasDomains)
    .where(eq(aliasDomains.domainId, domainId))
    .orderBy(asc(aliasDomains.name));
}

export async function countAliasDomainsOf({ ex, domainId }: { ex: Executor; domainId: number }): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(aliasDomains).where(eq(aliasDomains.domainId, domainId));
  return row?.n ?? 0;
}

/** What holds the name already: a hosted domain, an alias domain, or nothing. */
export async function domainNameOwner({ ex, name }: { ex: Executor; name: string }): Promise<'domain' | 'aliasDomain' | null> {
  const [domain] = await ex.select({ id: domains.id }).from(domains).where(eq(domains.name, name)).limit(1);
  if (domain) return 'domain';
  const [alias] = await ex.select({ id: aliasDomains.id }).from(aliasDomains).where(eq(aliasDomains.name, name)).limit(1);
  return alias ? 'aliasDomain' : null;
}

/** A new alias domain of a domain locked by the caller; undefined when the name is an alias domain's already. */
export async function insertAliasDomain({ ex, domainId, name }: { ex: Executor; domainId: ScopedId<'domain'>; name: string }) {
  const [row] = await ex
    .insert(aliasDomains)
    .values({ domainId, name })
    .onConflictDoNothing({ target: aliasDomains.name })
    .returning({ id: aliasDomains.id, name: aliasDomains.name, createdAt: aliasDomains.createdAt });
  return row;
}

/** The domain an alias domain belongs to (unscoped: the caller then reads that domain under its scope). */
export async function domainIdOfAliasDomain({ ex, id }: { ex: Executor; id: number }): Promise<number | undefined> {
  const [row] = await ex.select({ domainId: aliasDomains.domainId }).from(aliasDomains).where(eq(aliasDomains.id, id));
  return row?.domainId;
}

/** Removes the domain's alias domain `id`; answers its name, or undefined when the domain has none such. */
export async function deleteAliasDomainOf({ ex, domainId, id }: { ex: Executor; domainId: ScopedId<'domain'>; id: number }) {
  const [row] = await ex
    .delete(aliasDomains)
    .where(and(eq(aliasDomains.id, id), eq(aliasDomains.domainId, domainId)))
    .returning({ id: aliasDomains.id, name: aliasDomains.name });
  return row;
}
