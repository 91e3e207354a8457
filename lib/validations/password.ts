import { z } from 'zod';
import './zod-messages';
// The list on the server, a stand-in that refuses nothing in the browser (see lib/validations/common-passwords.ts).
import { isCommonPassword } from '#common-passwords';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, passwordBytes } from './password-rules';
import { keyWith } from '@/lib/i18n/keys';

// Every new password goes through this schema (setup, admins, accounts, self-service, recovery, the
// CLI). Checks that need no context belong here — among them the common-password list, so every place
// that sets a password gets it (on the server: the browser's copy of this schema does not carry the
// list). Checks that need the account's address are in newPasswordForAddress.
export const newPasswordSchema = z
  .string({ error: 'validation.required' })
  .min(1, { error: 'validation.required' })
  .min(PASSWORD_MIN_CHARS, { error: keyWith('validation.passwordTooShort', { min: PASSWORD_MIN_CHARS }) })
  .refine((value) => passwordBytes(value) <= PASSWORD_MAX_BYTES, {
    error: keyWith('validation.passwordTooLong', { max: PASSWORD_MAX_BYTES }),
  })
  .refine((value) => !isCommonPassword(value), { error: 'recovery.commonPassword' });

/** Letters and digits only, lower-cased: "Shop.Example" and "shop-example" are the same word. */
function letters(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Whether a password contains the address's local part (three characters or more), its domain, or
 * the domain's own name (the label before the top-level one, four characters or more: "shop" of
 * shop.example, "acme" of acme.com) — compared case-insensitively, ignoring everything but letters
 * and digits. Pure: shared by the browser and the server.
 */
export function passwordMentionsAddress(password: string, address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const local = letters(address.slice(0, at));
  const domain = address.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  const name = labels.length >= 2 ? letters(labels[labels.length - 2] ?? '') : '';
  const words = [local.length >= 3 ? local : '', letters(domain), name.length >= 4 ? name : ''].filter(Boolean);
  const typed = letters(password);
  return words.some((word) => typed.includes(word));
}

/** A new password for one account: the general rules, and not containing the account's address. */
export function newPasswordForAddress(address: string) {
  return newPasswordSchema.refine((value) => !passwordMentionsAddress(value, address), { error: 'security.password.mentionsAddress' });
}
