import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSealedPayload, sealPayload } from './sealed-payload';

const sign = (body: string) => createHmac('sha256', 'test key').update(body).digest();
const other = (body: string) => createHmac('sha256', 'another key').update(body).digest();

describe('sealed payloads', () => {
  it('open to what was sealed, with the same key only', () => {
    const token = sealPayload({ sub: 'admin:1', exp: 5 }, sign);
    expect(openSealedPayload(token, 1024, sign)).toEqual({ sub: 'admin:1', exp: 5 });
    expect(openSealedPayload(token, 1024, other)).toBeNull();
  });

  it('refuse an altered body or signature, an extra part, and a token past the length limit', () => {
    const token = sealPayload({ sub: 'admin:1' }, sign);
    const [body, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ sub: 'admin:2' })).toString('base64url');
    expect(openSealedPayload(`${forged}.${signature}`, 1024, sign)).toBeNull();
    expect(openSealedPayload(`${body}.${signature.slice(0, -2)}AA`, 1024, sign)).toBeNull();
    expect(openSealedPayload(`${token}.x`, 1024, sign)).toBeNull();
    expect(openSealedPayload(token, token.length - 1, sign)).toBeNull();
  });

  it('refuse a signed body that is not a JSON object', () => {
    for (const text of ['null', '5', 'not json']) {
      const body = Buffer.from(text).toString('base64url');
      expect(openSealedPayload(`${body}.${sign(body).toString('base64url')}`, 1024, sign)).toBeNull();
    }
  });
});
