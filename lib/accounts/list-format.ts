import { scaleBytes } from '@/lib/format';
import type { Language } from '@/lib/mail/services';

// The account list formats four figures on each of up to 100 rows. Building an Intl formatter costs
// ~50 µs (a date-time one with a time zone) while using one costs ~1 µs, so the list keeps one per
// language and time zone instead of calling lib/format.ts per cell. The output is the same as
// formatDateTime / formatBytes / formatNumber there (tests/integration/accounts-list.test.ts checks it).

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
    bytes(bytes) {
      const { value, unit, digits } = scaleBytes(bytes);
      return `${bytesFormat(digits).format(value)} ${unit}`;
    },
  };
}
