import type { Language } from '@/lib/mail/services';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count in the largest binary unit (1 GB = 1024 MB) that keeps it at 1 or more, and the fraction digits to show. */
export function scaleBytes(bytes: number): { value: number; unit: (typeof UNITS)[number]; digits: 0 | 1 } {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return { value, unit: UNITS[unit] as (typeof UNITS)[number], digits: value >= 100 || Number.isInteger(value) ? 0 : 1 };
}

// Making an Intl formatter costs far more than using one (tens of microseconds, ICU loads the locale's data),
// and a page formats dozens of values: one formatter per language and options, kept. The keys are few
// (two languages, two digit counts, the IANA zones a panel's people use); the bound only guards the zones.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const MAX_FORMATTERS = 1000;

function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, (formatter = make()));
  }
  return formatter;
}

/** Binary units (1 GB = 1024 MB), as mail quotas are counted. */
export function formatBytes(bytes: number, language: Language = 'en'): string {
  const { value, unit, digits } = scaleBytes(bytes);
  return `${kept(`b|${language}|${digits}`, () => new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: 'always' })).format(value)} ${unit}`;
}

/** Thousands grouped from four digits on in every language ("5,000", "5.000"): Italian's default prints "5000". */
export function formatNumber(value: number, language: Language = 'en'): string {
  return kept(`n|${language}`, () => new Intl.NumberFormat(language, { useGrouping: 'always' })).format(value);
}

export function formatDateTime(value: Date, language: Language, timeZone: string): string {
  return kept(`d|${language}|${timeZone}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(value);
}
