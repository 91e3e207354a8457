import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatNumber } from './format';

describe('format', () => {
  it('formats quotas in binary units', () => {
    expect(formatBytes(52_428_800)).toBe('50 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(1536 * 1024 ** 2)).toBe('1.5 GB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536 * 1024 ** 2, 'it')).toBe('1,5 GB');
  });

  it('groups thousands in every language, from four digits on', () => {
    expect(formatNumber(5000, 'en')).toBe('5,000');
    expect(formatNumber(5000, 'it')).toBe('5.000');
    expect(formatNumber(999, 'it')).toBe('999');
    expect(formatBytes(1000 * 1024 ** 4, 'it')).toBe('1.000 TB');
  });

  it('shows instants in the viewer time zone', () => {
    const at = new Date('2026-01-02T23:30:00Z');
    expect(formatDateTime(at, 'en', 'Europe/Rome')).toContain('Jan 3, 2026');
    expect(formatDateTime(at, 'en', 'UTC')).toContain('Jan 2, 2026');
  });

  it('makes one formatter per language, zone and digits, and keeps it', () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    } as typeof Intl.DateTimeFormat;
    const at = new Date('2026-01-02T23:30:00Z');
    const first = [formatDateTime(at, 'en', 'Pacific/Chatham'), formatDateTime(at, 'it', 'Pacific/Chatham'), formatDateTime(at, 'en', 'America/Lima')];
    const again = [formatDateTime(at, 'en', 'Pacific/Chatham'), formatDateTime(at, 'it', 'Pacific/Chatham'), formatDateTime(at, 'en', 'America/Lima')];
    Intl.DateTimeFormat = Real;
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(made).toBe(3);
    expect(() => formatDateTime(at, 'en', 'Not/AZone')).toThrow(RangeError);
  });
});
