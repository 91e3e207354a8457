import type { Language } from '@/lib/mail/services';

// The account list formats four figures on each of up to 100 rows. Building an Intl formatter costs
// ~50 µs (a date-time one with a time zone) while using one costs ~1 µs, so the list keeps one per
// language and time zone instead of calling lib/format.ts per cell. The output is the same as
// formatDateTime / formatBytes / formatNumber there (tests/integration/accounts-list.test.ts checks it).

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export type ListFormatters = {
  dateTime(value: Date): string;
  bytes(value: number): string;
  number(value: number): string;
};

export function listFormatters(language: Language, timeZone: string): ListFormatters {
  const dateTime = memo(`dt|${language}|${timeZone}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }));
  const number = memo(`n|${language}`, () => new Intl.NumberFormat(language, { useGrouping: 'always' }));
  const bytesFormat = (digits: number) => memo(`b${digits}|${language}`, () => new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: 'always' }));
  return {
    dateTime: (value) => dateTime.format(value),
    number: (value) => number.format(value),
    bytes(value) {
      let scaled = value;
      let unit = 0;
      while (scaled >= 1024 && unit < UNITS.length - 1) {
        scaled /= 1024;
        unit++;
      }
      const digits = scaled >= 100 || Number.isInteger(scaled) ? 0 : 1;
      return `${bytesFormat(digits).format(scaled)} ${UNITS[unit]}`;
    },
  };
}
