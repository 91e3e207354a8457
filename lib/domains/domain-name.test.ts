import { describe, expect, it } from 'vitest';
import { parseDomainName } from './domain-name';

describe('parseDomainName', () => {
  it('lower-cases and converts internationalized names to punycode', () => {
    expect(parseDomainName('  Example.COM ')).toEqual({ ok: true, ascii: 'example.com' });
    expect(parseDomainName('bücher.de')).toEqual({ ok: true, ascii: 'xn--bcher-kva.de' });
    expect(parseDomainName('example.com.')).toEqual({ ok: true, ascii: 'example.com' });
    expect(parseDomainName('xn--p1ai.xn--p1ai')).toEqual({ ok: true, ascii: 'xn--p1ai.xn--p1ai' });
  });

  it('says why a name is refused', () => {
    expect(parseDomainName('')).toEqual({ ok: false, error: 'domains.errors.empty' });
    expect(parseDomainName('my domain.com')).toEqual({ ok: false, error: 'domains.errors.spaces' });
    expect(parseDomainName('-example.com')).toEqual({ ok: false, error: 'domains.errors.hyphen' });
    expect(parseDomainName('example-.com')).toEqual({ ok: false, error: 'domains.errors.hyphen' });
    expect(parseDomainName(`${'a'.repeat(64)}.com`)).toEqual({ ok: false, error: 'domains.errors.labelTooLong' });
    expect(parseDomainName(`${'abcdefghi.'.repeat(26)}com`)).toEqual({ ok: false, error: 'domains.errors.tooLong' });
    for (const bad of ['localhost', 'exa_mple.com', 'user@example.com', 'http://example.com', '1.2.3.4', 'a..b.com']) {
      expect(parseDomainName(bad).ok, bad).toBe(false);
    }
  });
});
