import { isFailure, refused } from '@/lib/failure';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { admins, oneTimeTokens } from '@/db/schema';
import { fail, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import { hashPassword } from '@/lib/auth/password';
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
      await tx.execute(sql`select pg_advisory_xact_lock(7305417222002)`);
      if ((await hasSuperadmin(tx)) || !(await isSetupTokenValid(tx, token))) throw refused('setup.linkUsed');
      const [admin] = await tx
        .insert(admins)
        .values({ email, name, role: 'superadmin', passwordHash })
        .returning({ id: admins.id });
      await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.purpose, 'setup'));
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
