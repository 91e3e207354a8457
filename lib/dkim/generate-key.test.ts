import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDkimKey, nextSelector } from './generate-key';

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
