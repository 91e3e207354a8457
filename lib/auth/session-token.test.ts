import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from './session-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const token = (claims: Record<string, unknown>, maxAge = 3600, secret = SECRET) => encode({ token: claims, secret, maxAge });

describe('decodeSessionToken', () => {
  it('reads the token next-auth writes at sign-in', async () => {
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: 3, sid: 'S' }), SECRET)).toEqual({ principal: 'admin:7', sessionVersion: 3, sessionSecret: 'S' });
    expect(await decodeSessionToken(await token({ sub: 'mailbox:42', sv: 1, sid: 'S' }), SECRET)).toEqual({ principal: 'mailbox:42', sessionVersion: 1, sessionSecret: 'S' });
  });

  it('refuses a token sealed with another secret, altered, expired or revoked', async () => {
    const good = await token({ sub: 'admin:7', sv: 3, sid: 'S' });
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: 3, sid: 'S' }, 3600, `${SECRET}-other`), SECRET)).toBeNull();
    const parts = good.split('.');
    const body = parts[3]!;
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(await decodeSessionToken(parts.join('.'), SECRET)).toBeNull();
    expect(await decodeSessionToken(good.slice(0, -2), SECRET)).toBeNull();
    expect(await decodeSessionToken('not a token', SECRET)).toBeNull();
    // next-auth allows 15 s of clock skew; a minute past expiry is over.
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: 3, sid: 'S' }, -60), SECRET)).toBeNull();
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: 3, sid: 'S', revoked: true }), SECRET)).toBeNull();
  });

  it('refuses claims without a principal, session version or session secret', async () => {
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: 3 }), SECRET)).toBeNull();
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: 3, sid: 4 }), SECRET)).toBeNull();
    expect(await decodeSessionToken(await token({ sv: 3, sid: 'S' }), SECRET)).toBeNull();
    expect(await decodeSessionToken(await token({ sub: 'admin:7' }), SECRET)).toBeNull();
    expect(await decodeSessionToken(await token({ sub: 'admin:7', sv: '3' }), SECRET)).toBeNull();
  });
});

describe('decodeSessionToken, read again', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same claims for the same token, and nothing once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const good = await token({ sub: 'admin:9', sv: 2, sid: 'S' }, 60);
    expect(await decodeSessionToken(good, SECRET)).toEqual({ principal: 'admin:9', sessionVersion: 2, sessionSecret: 'S' });
    vi.setSystemTime(new Date('2026-01-01T00:01:10Z'));
    expect(await decodeSessionToken(good, SECRET)).toEqual({ principal: 'admin:9', sessionVersion: 2, sessionSecret: 'S' });
    // Past the expiry and next-auth's 15 s of tolerance.
    vi.setSystemTime(new Date('2026-01-01T00:01:16Z'));
    expect(await decodeSessionToken(good, SECRET)).toBeNull();
  });

  it('does not take a token read under one secret as valid under another', async () => {
    const good = await token({ sub: 'admin:10', sv: 1, sid: 'S' });
    expect(await decodeSessionToken(good, SECRET)).toEqual({ principal: 'admin:10', sessionVersion: 1, sessionSecret: 'S' });
    expect(await decodeSessionToken(good, `${SECRET}-rotated`)).toBeNull();
    expect(await decodeSessionToken(good, SECRET)).toEqual({ principal: 'admin:10', sessionVersion: 1, sessionSecret: 'S' });
  });
});

describe('sessionTokenFrom', () => {
  const name = sessionCookieName(false);

  it('names the cookie as next-auth does', () => {
    expect(name).toBe('next-auth.session-token');
    expect(sessionCookieName(true)).toBe('__Secure-next-auth.session-token');
  });

  it('takes the whole cookie, or joins the chunks in order', () => {
    expect(sessionTokenFrom([{ name: 'other', value: 'x' }, { name, value: 'abc' }], name)).toBe('abc');
    const chunks = [
      { name: `${name}.1`, value: 'def' },
      { name: 'other', value: 'x' },
      { name: `${name}.0`, value: 'abc' },
    ];
    expect(sessionTokenFrom(chunks, name)).toBe('abcdef');
  });

  it('has no token when there is none or the chunks have a gap', () => {
    expect(sessionTokenFrom([], name)).toBeNull();
    expect(sessionTokenFrom([{ name, value: '' }], name)).toBeNull();
    expect(sessionTokenFrom([{ name: `${name}.0`, value: 'a' }, { name: `${name}.2`, value: 'c' }], name)).toBeNull();
    expect(sessionTokenFrom([{ name: `__Secure-${name}`, value: 'abc' }], name)).toBeNull();
  });
});
