import { randomInt } from 'node:crypto';
import bcrypt from 'bcrypt';

import { PASSWORD_MAX_BYTES, passwordBytes } from '@/lib/validations/password-rules';

const COST = Number(process.env.BCRYPT_COST ?? 12);

export async function hashPassword(password: string): Promise<string> {
  if (passwordBytes(password) > PASSWORD_MAX_BYTES) throw new Error('Password longer than 72 bytes.');
  // Node's bcrypt writes $2b$, which Dovecot reads as {BLF-CRYPT}.
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  // Never right (no password that long is ever set), but it takes a comparison's time all the same:
  // a quick "no" would tell an existing address from an unknown one.
  if (passwordBytes(password) > PASSWORD_MAX_BYTES) return burnPasswordCheck(password);
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real comparison, so an unknown address answers as slowly as a wrong password. */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash('mailpanel-dummy-password', COST);
  await bcrypt.compare(password.slice(0, PASSWORD_MAX_BYTES), await dummyHash);
  return false;
}

// No look-alike characters (0/O, 1/l/I), so a password read off the screen is typed right.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 57-letter alphabet: about 116 bits. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
