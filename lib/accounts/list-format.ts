import { formatBytes, formatDateTime, formatNumber } from '@/lib/format';
import type { Language } from '@/lib/mail/services';

// The account list formats four figures on each of up to 100 rows, with lib/format.ts's kept formatters (the
// same output as everywhere else; tests/integration/accounts-list.test.ts checks it).

export type ListFormatters = {
  dateTime(value: Date): string;
  bytes(value: number): string;
  number(value: number): string;
};

export function listFormatters(language: Language, timeZone: string): ListFormatters {
  return {
    dateTime: (value) => formatDateTime(value, language, timeZone),
    number: (value) => formatNumber(value, language),
    bytes: (value) => formatBytes(value, language),
  };
}
