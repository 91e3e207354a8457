import 'server-only';
import { getDb } from '@/db';
import { deleteSetupTokens, insertSuperadmin, lockSetup } from '@/db/queries/setup';
import { fail, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import { hashPassword } from '@/lib/auth/password';
import { isFailure, refused } from '@/lib/failure';
import { setupSchema } from '@/lib/validations/setup';
import { hasSuperadmin, isSetupTokenValid } from './setup-token';


/** First run: turns a valid setup token into the superadmin, once. */
export async function createSuperadmin(input: unknown, ip: string | null): Promise<ActionResult<{ email: string }>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { token, name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    await getDb().transaction(async (tx) => {
      // Serialize concurrent attempts; the partial unique index backs this up.
      await lockSetup({ ex: tx });
      if ((await hasSuperadmin(tx)) || !(await isSetupTokenValid(tx, token))) throw refused('setup.linkUsed');
      const admin = await insertSuperadmin({ ex: tx, email, name, passwordHash });
      await deleteSetupTokens({ ex: tx });
      await writeAudit(tx, {
        actor: { kind: 'system', label: 'setup' },
        ip,
        action: 'admin.create',
        targetType: 'admin',
        targetId: admin?.id,
        targetLabel: email,
        details: { role: 'superadmin' },
      });
    });
  } catch (error) {
    if (isFailure(error, 'refused')) return fail(error);
    throw error;
  }
  return ok({ email });
}
