import { randomBytes, timingSafeEqual } from 'node:crypto';
import speakeasy from 'speakeasy';
import { encryptAtRest, decryptAtRest } from './at-rest';

// TOTP as RFC 6238 has it and every authenticator app does it: HMAC-SHA-1, 30-second steps, 6 digits.
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after the current one are accepted too (clock drift). */
export const TOTP_DRIFT_STEPS = 1;
const SECRET_BYTES = 20;

/**
 * A new secret: 20 random bytes in base32, 32 characters without padding. Speakeasy mishandles
 * base32 whose length is not a multiple of 8; 20 bytes always give 32 characters.
 */
export function generateOtpSecret(): string {
  // Not speakeasy.generateSecret(): it draws printable characters, about 119 bits rather than 160.
  return base32(randomBytes(SECRET_BYTES));
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (the form authenticator apps and oathtool take). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function isValidOtpSecret(secret: string): boolean {
  return /^[A-Z2-7]+$/.test(secret) && secret.length % 8 === 0;
}

/** The step a moment falls in. */
export function totpStep(now: Date | number): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  return Math.floor(ms / 1000 / TOTP_STEP_SECONDS);
}

/** The code of one step (speakeasy, always with the base32 encoding). */
export function totpCodeAtStep(secret: string, step: number, digits = TOTP_DIGITS): string {
  return speakeasy.totp({ secret, encoding: 'base32', algorithm: 'sha1', digits, step: TOTP_STEP_SECONDS, time: step * TOTP_STEP_SECONDS });
}

/** The code at a moment given in seconds since the epoch (as RFC 6238's test vectors are). */
export function totpCode(secret: string, unixSeconds: number, digits = TOTP_DIGITS): string {
  return speakeasy.totp({ secret, encoding: 'base32', algorithm: 'sha1', digits, step: TOTP_STEP_SECONDS, time: unixSeconds });
}

/** What a person typed, without the spaces apps show in the middle; null when it cannot be a code. */
export function normalizeOtpCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const code = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/**
 * The step a code belongs to, looking one step either side of `now`; null when it matches none.
 * Every candidate is compared (in constant time), so the answer takes as long whichever matches.
 * Whether the step was already used is the caller's business (see consumeOtpStep).
 */
export function matchTotpStep(secret: string, input: unknown, now: Date | number = Date.now()): number | null {
  const code = normalizeOtpCode(input);
  const current = totpStep(now);
  const given = Buffer.from(code ?? 'no code');
  let found: number | null = null;
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    const expected = Buffer.from(totpCodeAtStep(secret, step));
    // The latest matching step, should two steps share a code.
    if (given.length === expected.length && timingSafeEqual(given, expected)) found = step;
  }
  return found;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, account: string, issuer = 'mailpanel'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The secret in groups of four, as people type it into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

// Secrets at rest: lib/auth/at-rest.ts, under the OTP secrets' own key; the principal ("mailbox:12") is the owner.
export function encryptOtpSecret(secret: string, principal: string): string {
  return encryptAtRest(secret, 'otp-secret-encryption v1', principal);
}

/** The secret, or null when the value was not made for this principal with this server secret. */
export function decryptOtpSecret(stored: string, principal: string): string | null {
  const secret = decryptAtRest(stored, 'otp-secret-encryption v1', principal);
  return secret !== null && isValidOtpSecret(secret) ? secret : null;
}
