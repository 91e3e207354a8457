import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey, type KeyPurpose } from './server-key';

// Secrets at rest (OTP secrets, DKIM private keys): AES-256-GCM under a key derived from the server
// secret (HKDF, one purpose label per kind of secret). The owner ("mailbox:12", "dkim:3:mp202612") is
// the additional data, so a ciphertext copied onto another row does not decrypt there.
const VERSION = 'v1';

export function encryptAtRest(plaintext: string, purpose: KeyPurpose, owner: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(purpose), iv);
  cipher.setAAD(Buffer.from(owner));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The plaintext, or null when the value was not made for this owner and purpose with this server secret. */
export function decryptAtRest(stored: string, purpose: KeyPurpose, owner: string): string | null {
  const [version, iv, data, tag] = stored.split('.');
  if (version !== VERSION || !iv || !data || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(purpose), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
