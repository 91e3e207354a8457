import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '@/db';
import { hasSuperadmin as superadminExists, insertSetupToken, setupTokenExists } from '@/db/queries/setup';

const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function hasSuperadmin(ex: Executor): Promise<boolean> {
  return superadminExists({ ex });
}

/**
 * A fresh one-time setup token while no superadmin exists, else null. Only its hash is stored;
 * each app server that starts may print its own, and all of them die with the first use.
 */
export async function issueSetupToken(ex: Executor, now = new Date()): Promise<string | null> {
  if (await hasSuperadmin(ex)) return null;
  const token = randomBytes(32).toString('base64url');
  await insertSetupToken({ ex, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS) });
  return token;
}

export async function isSetupTokenValid(ex: Executor, token: string, now = new Date()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  return setupTokenExists({ ex, tokenHash: hashToken(token), now });
}
