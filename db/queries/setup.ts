import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { admins, oneTimeTokens } from '@/db/schema';

// First run: the one-time setup tokens (one_time_tokens, purpose 'setup'; only the hash is stored) and
// the superadmin they create.

export async function hasSuperadmin({ ex }: { ex: Executor }): Promise<boolean> {
  const rows = await ex.select({ id: admins.id }).from(admins).where(eq(admins.role, 'superadmin')).limit(1);
  return rows.length > 0;
}

export async function insertSetupToken({ ex, tokenHash, expiresAt }: { ex: Executor; tokenHash: string; expiresAt: Date }): Promise<void> {
  await ex.insert(oneTimeTokens).values({ tokenHash, purpose: 'setup', expiresAt });
}

/** Whether the token (by its hash) is a setup token, unused and unexpired. */
export async function setupTokenExists({ ex, tokenHash, now }: { ex: Executor; tokenHash: string; now: Date }): Promise<boolean> {
  const rows = await ex
    .select({ hash: oneTimeTokens.tokenHash })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, 'setup'), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)))
    .limit(1);
  return rows.length > 0;
}

/** Serializes concurrent setups until the transaction ends; the partial unique index backs this up. */
export async function lockSetup({ ex }: { ex: Executor }): Promise<void> {
  await ex.execute(sql`select pg_advisory_xact_lock(7305417222002)`);
}

export async function insertSuperadmin({ ex, email, name, passwordHash }: { ex: Executor; email: string; name: string; passwordHash: string }): Promise<{ id: number } | undefined> {
  const [admin] = await ex.insert(admins).values({ email, name, role: 'superadmin', passwordHash }).returning({ id: admins.id });
  return admin;
}

/** Every setup token dies with the first use. */
export async function deleteSetupTokens({ ex }: { ex: Executor }): Promise<void> {
  await ex.delete(oneTimeTokens).where(eq(oneTimeTokens.purpose, 'setup'));
}
