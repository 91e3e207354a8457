import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDkimKey, nextSelector, signerKeyFile } from './generate-key';

describe('DKIM keys', () => {
  it('generates an RSA 2048 pair whose p= value verifies what the private key signs', async () => {
    const { privateKeyPem, publicKey } = await generateDkimKey();
    const privateKey = createPrivateKey(privateKeyPem);
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const pub = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    const signature = sign('sha256', Buffer.from('hello'), privateKey);
    expect(verify('sha256', Buffer.from('hello'), pub, signature)).toBe(true);
  });

  it('names selectors mp + year and month, then -2, -3 when taken', () => {
    const now = new Date('2026-12-07T05:00:00Z');
    expect(nextSelector(now, new Set())).toBe('mp202612');
    expect(nextSelector(now, new Set(['mp202612']))).toBe('mp202612-2');
    expect(nextSelector(now, new Set(['mp202612', 'mp202612-2']))).toBe('mp202612-3');
    expect(nextSelector(new Date('2027-01-01T00:00:00Z'), new Set(['mp202612']))).toBe('mp202701');
  });
});

describe('ed25519 DKIM keys (the second signature)', () => {
  it('generates a pair whose p= is the bare 32-byte key (RFC 8463) and verifies what the private key signs', async () => {
    const { privateKeyPem, publicKey } = await generateDkimKey('ed25519');
    const raw = Buffer.from(publicKey, 'base64');
    expect(raw).toHaveLength(32);
    const privateKey = createPrivateKey(privateKeyPem);
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    const signature = sign(null, Buffer.from('hello'), privateKey);
    expect(verify(null, Buffer.from('hello'), pub, signature)).toBe(true);
  });

  it('writes the signer file as rspamd reads it: base64 of the seed and the public key; RSA stays PEM', async () => {
    const { privateKeyPem, publicKey } = await generateDkimKey('ed25519');
    const file = Buffer.from(signerKeyFile('ed25519', privateKeyPem).trim(), 'base64');
    expect(file).toHaveLength(64);
    expect(file.subarray(32).toString('base64')).toBe(publicKey);
    expect(createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: file.subarray(0, 32).toString('base64url'), x: file.subarray(32).toString('base64url') }, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' })).toBe(privateKeyPem);
    const rsa = await generateDkimKey();
    expect(signerKeyFile('rsa', rsa.privateKeyPem)).toBe(rsa.privateKeyPem);
  });

  it('names ed25519 selectors ed + year and month, among the domain’s selectors of both kinds', () => {
    const now = new Date('2026-12-07T05:00:00Z');
    expect(nextSelector(now, new Set(['mp202612']), 'ed25519')).toBe('ed202612');
    expect(nextSelector(now, new Set(['mp202612', 'ed202612']), 'ed25519')).toBe('ed202612-2');
  });
});
