import { createHash, randomBytes } from 'node:crypto';

// A token is 256 random bits: far beyond guessing, so a plain SHA-256 is the right way to keep it
// (a slow password hash would only slow down every API request). Requests are matched by the hash
// through a unique index: the secret itself is never compared, and never stored.

export const TOKEN_PREFIX = 'mpat_';
/** What the list shows of a token, so its owner can tell which one is which: `mpat_` + 7 characters. */
export const TOKEN_PREFIX_SHOWN = 12;
const TOKEN_SHAPE = /^mpat_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX_SHOWN) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all (anything else is refused without a database look-up). */
export function looksLikeApiToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
