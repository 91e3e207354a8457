import { createHash, randomBytes } from 'node:crypto';

/** A session's secret: 256 random bits, carried only inside the encrypted session cookie. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of it: a leaked table names no cookie. */
export function hashSessionSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
