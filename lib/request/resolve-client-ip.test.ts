import { describe, expect, it } from 'vitest';
import { normalizeIp, parseTrustedProxies, resolveClientIp } from './resolve-client-ip';

describe('resolveClientIp', () => {
  const none = parseTrustedProxies('');
  const proxies = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1');

  it('uses the TCP peer and ignores X-Forwarded-For from an untrusted peer', () => {
    expect(resolveClientIp('203.0.113.7', '198.51.100.1', none)).toBe('203.0.113.7');
    expect(resolveClientIp('203.0.113.7', '127.0.0.1', proxies)).toBe('203.0.113.7');
  });

  it('takes the right-most untrusted hop when the peer is a trusted proxy', () => {
    expect(resolveClientIp('127.0.0.1', '198.51.100.9', proxies)).toBe('198.51.100.9');
    // A client-supplied first entry is not believed: the proxy appended the real address last.
    expect(resolveClientIp('10.1.2.3', '1.1.1.1, 198.51.100.9, 10.0.0.5', proxies)).toBe('198.51.100.9');
  });

  it('falls back to the peer when the header is missing or malformed', () => {
    expect(resolveClientIp('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(resolveClientIp('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
  });

  it('unwraps IPv4-mapped IPv6 peers', () => {
    expect(resolveClientIp('::ffff:192.0.2.4', undefined, none)).toBe('192.0.2.4');
    expect(normalizeIp('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeIp('999.1.1.1')).toBeNull();
  });

  it('refuses a malformed TRUSTED_PROXIES entry', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, nonsense')).toThrow(/nonsense/);
  });
});
