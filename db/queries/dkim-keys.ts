import 'server-only';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import type { ScopedId } from '@/db/scope';
import { aliasDomains, dkimKeys, domains, type DkimAlgorithm, type DkimKeyState } from '@/db/schema';

// A domain's DKIM keys (db/schema/dns.ts). Reads for the panel never select the private key; only the
// worker's rendering (keysToRender) does, still encrypted.

const publicColumns = {
  id: dkimKeys.id,
  selector: dkimKeys.selector,
  algorithm: dkimKeys.algorithm,
  publicKey: dkimKeys.publicKey,
  state: dkimKeys.state,
  createdAt: dkimKeys.createdAt,
  activatedAt: dkimKeys.activatedAt,
  retireAfter: dkimKeys.retireAfter,
};

export type DkimKeyRow = { id: number; selector: string; algorithm: DkimAlgorithm; publicKey: string; state: DkimKeyState; createdAt: Date; activatedAt: Date | null; retireAfter: Date | null };

export async function listDkimKeys({ ex, domainId }: { ex: Executor; domainId: number }): Promise<DkimKeyRow[]> {
  return ex.select(publicColumns).from(dkimKeys).where(eq(dkimKeys.domainId, domainId)).orderBy(asc(dkimKeys.id));
}

export async function insertDkimKey({ ex, domainId, selector, algorithm, privateKeyEnc, publicKey }: { ex: Executor; domainId: ScopedId<'domain'>; selector: string; algorithm: DkimAlgorithm; privateKeyEnc: string; publicKey: string }) {
  const [row] = await ex.insert(dkimKeys).values({ domainId, selector, algorithm, privateKeyEnc, publicKey, state: 'pending' }).returning(publicColumns);
  return row!;
}

/** A new key replaces a pending one of its algorithm not activated yet. */
export async function deletePendingDkimKey({ ex, domainId, algorithm }: { ex: Executor; domainId: ScopedId<'domain'>; algorithm: DkimAlgorithm }) {
  return ex
    .delete(dkimKeys)
    .where(and(eq(dkimKeys.domainId, domainId), eq(dkimKeys.algorithm, algorithm), eq(dkimKeys.state, 'pending')))
    .returning({ selector: dkimKeys.selector });
}

/** The active key of the pending one's algorithm becomes retiring until `retireAfter`; the pending one becomes active. */
export async function activatePendingDkimKey({ ex, domainId, keyId, algorithm, retireAfter }: { ex: Executor; domainId: ScopedId<'domain'>; keyId: number; algorithm: DkimAlgorithm; retireAfter: Date }) {
  await retireActiveDkimKey({ ex, domainId, algorithm, retireAfter });
  const [row] = await ex
    .update(dkimKeys)
    .set({ state: 'active', activatedAt: sql`now()` })
    .where(and(eq(dkimKeys.domainId, domainId), eq(dkimKeys.id, keyId), eq(dkimKeys.state, 'pending')))
    .returning(publicColumns);
  return row;
}

/** The algorithm's active key stops signing and keeps verifying until `retireAfter` (its record stays published). */
export async function retireActiveDkimKey({ ex, domainId, algorithm, retireAfter }: { ex: Executor; domainId: ScopedId<'domain'>; algorithm: DkimAlgorithm; retireAfter: Date }) {
  return ex
    .update(dkimKeys)
    .set({ state: 'retiring', retireAfter })
    .where(and(eq(dkimKeys.domainId, domainId), eq(dkimKeys.algorithm, algorithm), eq(dkimKeys.state, 'active')))
    .returning({ selector: dkimKeys.selector });
}

/** Retiring keys whose grace period is over go; answers the domains whose key files must be rendered again. */
export async function deleteRetiredDkimKeys({ ex, now }: { ex: Executor; now: Date }) {
  const gone = await ex
    .delete(dkimKeys)
    .where(and(eq(dkimKeys.state, 'retiring'), lte(dkimKeys.retireAfter, now)))
    .returning({ domainId: dkimKeys.domainId });
  const ids = [...new Set(gone.map((g) => g.domainId))];
  if (ids.length === 0) return [];
  return ex.select({ id: domains.id, name: domains.name }).from(domains).where(inArray(domains.id, ids));
}

/**
 * What the signer needs: every active and retiring key of every domain, still encrypted, once under the
 * domain's name and once under each of its alias domains' (issue 17: their mail is signed with the
 * domain's keys). `owner` is the domain the key was encrypted for.
 */
export async function keysToRender({ ex }: { ex: Executor }) {
  const own = await ex
    .select({ id: dkimKeys.id, domainId: dkimKeys.domainId, domain: domains.name, selector: dkimKeys.selector, algorithm: dkimKeys.algorithm, privateKeyEnc: dkimKeys.privateKeyEnc, state: dkimKeys.state })
    .from(dkimKeys)
    .innerJoin(domains, eq(domains.id, dkimKeys.domainId))
    .where(inArray(dkimKeys.state, ['active', 'retiring']))
    .orderBy(asc(domains.name), asc(dkimKeys.id));
  const ids = [...new Set(own.map((k) => k.domainId))];
  const aliases = ids.length === 0 ? [] : await ex.select({ domainId: aliasDomains.domainId, name: aliasDomains.name }).from(aliasDomains).where(inArray(aliasDomains.domainId, ids)).orderBy(asc(aliasDomains.name));
  return own.flatMap(({ domainId, ...key }) => [
    { ...key, owner: key.domain },
    ...aliases.filter((a) => a.domainId === domainId).map((a) => ({ ...key, domain: a.name, owner: key.domain })),
  ]);
}
