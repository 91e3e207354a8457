import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime } from './format';

describe('format', () => {
  it('formats quotas in binary units', () => {
    expect(formatBytes(52_428_800)).toBe('50 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(1536 * 1024 ** 2)).toBe('1.5 GB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536 * 1024 ** 2, 'it')).toBe('1,5 GB');
  });

  it('shows instants in the viewer time zone', () => {
    const at = new Date('2026-01-02T23:30:00Z');
    expect(formatDateTime(at, 'en', 'Europe/Rome')).toContain('Jan 3, 2026');
    expect(formatDateTime(at, 'en', 'UTC')).toContain('Jan 2, 2026');
  });
});
