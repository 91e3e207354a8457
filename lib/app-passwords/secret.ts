import { randomInt } from 'node:crypto';

// An app password is 24 characters from a 31-letter alphabet without look-alikes (no 0/o, 1/l/i), all
// lower case so a phone keyboard does not get in the way. The first 8 are its `lookup`: stored in clear
// so that the mail servers' password query can pick the one row to check (see db/schema/security.ts);
// the other 16 (about 79 bits) are the secret, and the whole string is stored only as bcrypt.

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const LOOKUP_LENGTH = 8;
export const APP_PASSWORD_LENGTH = 24;

export function generateAppPassword(): { secret: string; lookup: string } {
  let secret = '';
  for (let i = 0; i < APP_PASSWORD_LENGTH; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  return { secret, lookup: secret.slice(0, LOOKUP_LENGTH) };
}
