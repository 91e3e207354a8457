import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

/** RSA 2048: what every receiver verifies and what fits a TXT record without splitting trouble. */
export const DKIM_RSA_BITS = 2048;

/** A new key: the private key as PKCS#8 PEM, the public key as base64 DER SPKI (the record's p=). */
export async function generateDkimKey(bits = DKIM_RSA_BITS): Promise<{ privateKeyPem: string; publicKey: string }> {
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKey: publicKey.toString('base64') };
}

/** "mp" and the year and month (mp202612), with "-2", "-3"… when the domain already has that one. */
export function nextSelector(now: Date, taken: ReadonlySet<string>): string {
  const base = `mp${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whose key a ciphertext is (the additional data of lib/auth/at-rest.ts): a copy onto another row fails. */
export function dkimKeyOwner(domain: string, selector: string): string {
  return `dkim:${domain}:${selector}`;
}
