import type { Database } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import { adminCaller, postmasterCaller } from './callers';
import { insertAdmin, insertDomain, insertMailbox, insertPlan, POSTMASTER_QUOTA_BYTES, type DomainRow } from './fixtures';

export type TwoOwners = { owner: Caller; otherAdmin: Caller; postmaster: Caller; domain: DomainRow; other: DomainRow; planId: number; ownerId: number };

/**
 * Two admins on one plan: `domain` (alpha.example, with its postmaster) is the owner's, `other`
 * (beta.example) the other admin's: the world of the alias tests' scope checks.
 */
export async function twoOwners(db: Database): Promise<TwoOwners> {
  const a = await insertAdmin(db);
  const b = await insertAdmin(db);
  const planId = (await insertPlan(db)).id;
  const domain = await insertDomain(db, { adminId: a.id, planId }, { name: 'alpha.example' });
  const other = await insertDomain(db, { adminId: b.id, planId }, { name: 'beta.example' });
  const postmaster = postmasterCaller(await insertMailbox(db, domain, 'postmaster', { isPostmaster: true, quotaBytes: POSTMASTER_QUOTA_BYTES }));
  return { owner: adminCaller(a), otherAdmin: adminCaller(b), postmaster, domain, other, planId, ownerId: a.id };
}
