import { hkdfSync } from 'node:crypto';

/**
 * The server secret (AUTH_SECRET / NEXTAUTH_SECRET; the custom server sets NEXTAUTH_SECRET at start).
 * It must be the same on every app server: sessions, pending sign-in tokens and the OTP secrets at
 * rest all depend on it.
 */
export function serverSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret || secret.length < 32) throw new Error('The server secret (NEXTAUTH_SECRET) is missing or shorter than 32 characters.');
  return secret;
}

/** What a derived key is for; each purpose gets an independent key. */
export type KeyPurpose = 'otp-secret-encryption v1' | 'otp-pending-token v1' | 'device-cookie v1' | 'dkim-key-encryption v1';

const cache = new Map<string, Buffer>();

/** A 256-bit key for one purpose, derived from the server secret with HKDF-SHA256. */
export function deriveKey(purpose: KeyPurpose): Buffer {
  const secret = serverSecret();
  const id = `${purpose}\u0000${secret}`;
  let key = cache.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'mailpanel', `mailpanel ${purpose}`, 32));
    cache.set(id, key);
  }
  return key;
}
