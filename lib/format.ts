import type { Language } from '@/lib/mail/services';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary units (1 GB = 1024 MB), as mail quotas are counted. */
export function formatBytes(bytes: number, language: Language = 'en'): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: 'always' }).format(value)} ${UNITS[unit]}`;
}

/** Thousands grouped from four digits on in every language ("5,000", "5.000"): Italian's default prints "5000". */
export function formatNumber(value: number, language: Language = 'en'): string {
  return new Intl.NumberFormat(language, { useGrouping: 'always' }).format(value);
}

export function formatDateTime(value: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(value);
}
