import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { admins, plans } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';

/** What the "Add domain" form offers: the plans, and for the superadmin the admins who may own it. */
export async function addDomainOptions({ caller }: { caller: Caller }) {
  assertCan(caller, 'domains:create');
  const db = getDb();
  const [planRows, adminRows] = await Promise.all([
    db.select({ id: plans.id, name: plans.name }).from(plans).orderBy(asc(plans.name)),
    caller.role === 'superadmin'
      ? db.select({ id: admins.id, email: admins.email }).from(admins).where(eq(admins.active, true)).orderBy(asc(admins.email))
      : Promise.resolve([]),
  ]);
  return { plans: planRows, admins: adminRows };
}
