import 'server-only';
import { getDb } from '@/db';
import { findAdminByEmail, insertAdmin } from '@/db/queries/admins';
import { fail, fieldError, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { UseCaseArgs } from '@/lib/auth/caller';
import { generatePassword, hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { isFailure, validation } from '@/lib/failure';
import { createAdminSchema } from '@/lib/validations/admin';
import { isUniqueViolation } from './db-errors';

export type CreatedAdmin = {
  id: number;
  email: string;
  /** Only when the superadmin asked for one: the one and only time it is available in clear. */
  generatedPassword?: string;
};


/** The superadmin creates an admin, with a password it set or one generated here. */
export async function createAdmin({ caller, ip, input }: UseCaseArgs): Promise<ActionResult<CreatedAdmin>> {
  assertCan(caller, 'admins:write');
  const parsed = createAdminSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { email, name, passwordMode } = parsed.data;

  const generatedPassword = passwordMode === 'generate' ? generatePassword() : undefined;
  const passwordHash = await hashPassword(generatedPassword ?? parsed.data.password ?? '');

  let id: number;
  try {
    id = await getDb().transaction(async (tx) => {
      if (await findAdminByEmail(tx, { email })) throw validation({ email: 'validation.emailTaken' });
      const row = await insertAdmin(tx, { email, name, passwordHash });
      await writeAudit(tx, {
        actor: caller,
        ip,
        action: 'admin.create',
        targetType: 'admin',
        targetId: row.id,
        targetLabel: email,
        details: { role: 'admin', name, passwordGenerated: passwordMode === 'generate' },
      });
      return row.id;
    });
  } catch (error) {
    // Two requests for the same address at once: the unique index turns the second away.
    if (isFailure(error, 'validation')) return fail(error);
    if (isUniqueViolation(error, 'admins_email_key')) {
      return fieldError('email', 'validation.emailTaken');
    }
    throw error;
  }
  return ok(generatedPassword ? { id, email, generatedPassword } : { id, email });
}
