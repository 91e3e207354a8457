import { formatDateTime } from '@/lib/format';
import type { Language } from '@/lib/mail/services';
import type { AppPasswordRow } from './app-password-list';

/** The list's rows with their dates written for the reader (done on the server, in its time zone). */
export function appPasswordRows(
  rows: { id: number; name: string; protocol: AppPasswordRow['protocol']; createdAt: Date; lastUsedAt: Date | null }[],
  language: Language,
  timeZone: string,
): AppPasswordRow[] {
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    protocol: row.protocol,
    created: formatDateTime(row.createdAt, language, timeZone),
    lastUsed: row.lastUsedAt ? formatDateTime(row.lastUsedAt, language, timeZone) : null,
  }));
}
