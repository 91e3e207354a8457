import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, servedOverHttps } from './csp';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]));
}

describe('contentSecurityPolicy', () => {
  it('lets only scripts with the nonce run in production, and forbids framing, plugins and foreign forms', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123==' }));
    expect(policy.get('script-src')).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy.get('style-src')).toBe("'self' 'nonce-abc123=='");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect([...policy.values()].join(' ')).not.toMatch(/unsafe-eval|'unsafe-inline' 'nonce/);
  });

  it('allows eval only in development, and upgrades requests only over https', () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ nonce: 'n', https: true })).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('servedOverHttps', () => {
  it('follows the public address', () => {
    expect(servedOverHttps({ NEXTAUTH_URL: 'https://panel.example' })).toBe(true);
    expect(servedOverHttps({ NEXTAUTH_URL: 'http://panel.example' })).toBe(false);
    expect(servedOverHttps({ PUBLIC_URL: 'https://panel.example' })).toBe(true);
    expect(servedOverHttps({})).toBe(false);
  });
});
