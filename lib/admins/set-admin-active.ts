import 'server-only';
import { getDb } from '@/db';
import { findAdminById, setAdminActive as updateAdminActive } from '@/db/queries/admins';
import { fail, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { notFound, refused } from '@/lib/failure';
import { adminStatusSchema } from '@/lib/validations/admin';

/**
 * Deactivates (ending every session of that admin at once) or reactivates an admin. The
 * superadmin can never be deactivated; asking for the state an admin is already in changes nothing.
 */
export async function setAdminActive({
  caller,
  ip,
  id,
  active,
}: {
  caller: Caller | null;
  ip: string | null;
  id: number;
  active: boolean;
}): Promise<ActionResult<{ id: number; email: string; active: boolean }>> {
  assertCan(caller, 'admins:write');
  // The arguments come from the browser: check them even though they are typed.
  const parsed = adminStatusSchema.safeParse({ id, active });
  if (!parsed.success) throw notFound();

  return getDb().transaction(async (tx) => {
    const target = await findAdminById(tx, { id: parsed.data.id, forUpdate: true });
    if (!target) throw notFound();
    if (target.role === 'superadmin') return fail(refused('admins.errors.superadminLocked'));
    if (target.active === parsed.data.active) return ok({ id: target.id, email: target.email, active: target.active });

    const row = await updateAdminActive(tx, { id: target.id, active: parsed.data.active });
    if (!row) throw notFound();
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: row.active ? 'admin.reactivate' : 'admin.deactivate',
      targetType: 'admin',
      targetId: row.id,
      targetLabel: row.email,
      details: { before: { active: target.active }, after: { active: row.active } },
    });
    return ok({ id: row.id, email: row.email, active: row.active });
  });
}
