import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { appPasswords } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import type { Account } from './world';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * An app password as the panel stores one (db/schema/security.ts): 8 lookup characters that are also the
 * password's first 8, then the secret part; bcrypt of the whole.
 */
export async function addAppPassword(account: Account, protocol: 'imap' | 'pop3' | 'smtp'): Promise<{ id: number; password: string }> {
  let password = '';
  for (let i = 0; i < 24; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  const [row] = await getDb()
    .insert(appPasswords)
    .values({ mailboxId: account.id, name: `${protocol} client ${password.slice(0, 4)}`, protocol, lookup: password.slice(0, 8), passwordHash: await hashPassword(password) })
    .returning({ id: appPasswords.id });
  return { id: row!.id, password };
}

export async function revokeAppPassword(id: number): Promise<void> {
  await getDb().update(appPasswords).set({ revokedAt: new Date() }).where(eq(appPasswords.id, id));
}

export async function appPasswordLastUsed(id: number): Promise<Date | null> {
  const [row] = await getDb().select({ lastUsedAt: appPasswords.lastUsedAt }).from(appPasswords).where(eq(appPasswords.id, id));
  return row?.lastUsedAt ?? null;
}
