import 'server-only';
import { getDb } from '@/db';
import { listActiveAdminChoices, listPlanChoices } from '@/db/queries/new-domain';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';

/** What the "Add domain" form offers: the plans, and for the superadmin the admins who may own it. */
export async function addDomainOptions({ caller }: { caller: Caller }) {
  assertCan(caller, 'domains:create');
  const db = getDb();
  const [planRows, adminRows] = await Promise.all([
    listPlanChoices({ ex: db }),
    caller.role === 'superadmin' ? listActiveAdminChoices({ ex: db }) : Promise.resolve([]),
  ]);
  return { plans: planRows, admins: adminRows };
}
