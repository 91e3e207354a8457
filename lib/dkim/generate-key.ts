import { createPrivateKey, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

/** RSA 2048: what every receiver verifies and what fits a TXT record without splitting trouble. */
export const DKIM_RSA_BITS = 2048;

export type DkimAlgorithm = 'rsa' | 'ed25519';

/**
 * A new key: the private key as PKCS#8 PEM (either algorithm), and the record's p=: RSA's DER SubjectPublicKeyInfo,
 * ed25519's bare 32-byte public key (RFC 8463 §4.2), both base64.
 */
export async function generateDkimKey(algorithm: DkimAlgorithm = 'rsa', bits = DKIM_RSA_BITS): Promise<{ privateKeyPem: string; publicKey: string }> {
  if (algorithm === 'ed25519') {
    const { privateKey, publicKey } = await generate('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    // The SPKI DER of an ed25519 key is a fixed 12-byte header and the 32-byte key.
    return { privateKeyPem: privateKey, publicKey: publicKey.subarray(publicKey.length - 32).toString('base64') };
  }
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKey: publicKey.toString('base64') };
}

/**
 * The key file rspamd reads: RSA as the PEM; ed25519 as libsodium's secret key, base64 of the 32-byte seed and
 * the 32-byte public key (what `rspamadm dkim_keygen -t ed25519` writes), since rspamd 3.4 does not read PKCS#8 for it.
 */
export function signerKeyFile(algorithm: DkimAlgorithm, privateKeyPem: string): string {
  if (algorithm === 'rsa') return privateKeyPem;
  const jwk = createPrivateKey(privateKeyPem).export({ format: 'jwk' });
  return `${Buffer.concat([Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.x!, 'base64url')]).toString('base64')}\n`;
}

/**
 * "mp" (RSA) or "ed" (ed25519) and the year and month (mp202612), with "-2", "-3"… when the domain already has
 * that one: a selector names one key of either algorithm.
 */
export function nextSelector(now: Date, taken: ReadonlySet<string>, algorithm: DkimAlgorithm = 'rsa'): string {
  const base = `${algorithm === 'rsa' ? 'mp' : 'ed'}${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whose key a ciphertext is (the additional data of lib/auth/at-rest.ts): a copy onto another row fails. */
export function dkimKeyOwner(domain: string, selector: string): string {
  return `dkim:${domain}:${selector}`;
}
