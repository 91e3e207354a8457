import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '@/db';
import { admins, oneTimeTokens } from '@/db/schema';

const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function hasSuperadmin(ex: Executor): Promise<boolean> {
  const rows = await ex.select({ id: admins.id }).from(admins).where(eq(admins.role, 'superadmin')).limit(1);
  return rows.length > 0;
}

/**
 * A fresh one-time setup token while no superadmin exists, else null. Only its hash is stored;
 * each app server that starts may print its own, and all of them die with the first use.
 */
export async function issueSetupToken(ex: Executor, now = new Date()): Promise<string | null> {
  if (await hasSuperadmin(ex)) return null;
  const token = randomBytes(32).toString('base64url');
  await ex.insert(oneTimeTokens).values({
    tokenHash: hashToken(token),
    purpose: 'setup',
    expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS),
  });
  return token;
}

export async function isSetupTokenValid(ex: Executor, token: string, now = new Date()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const rows = await ex
    .select({ hash: oneTimeTokens.tokenHash })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashToken(token)),
        eq(oneTimeTokens.purpose, 'setup'),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
