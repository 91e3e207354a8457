import { stringify } from 'csv-stringify/sync';
import { formatServicesCell, formatSizeCell, IMPORT_COLUMN_NAMES, type ImportColumn } from '@/lib/validations/account-import';
import { SERVICES } from '@/lib/mail/services';
import type { ImportPage } from './get-import-page';

/** A file to start from: the header and two example rows, one personal and one not, for this domain. */
export function importTemplateCsv(page: Pick<ImportPage, 'defaults'>): string {
  const storage = formatSizeCell(page.defaults.quotaBytes);
  const services = formatServicesCell(Object.fromEntries(SERVICES.map((s) => [s, page.defaults.services.includes(s)])) as Record<(typeof SERVICES)[number], boolean>);
  const rows: Partial<Record<ImportColumn, string>>[] = [
    { local_part: 'mario.rossi', first_name: 'Mario', last_name: 'Rossi', storage, services, force_password_change: 'yes', password_expiry_months: '0' },
    { local_part: 'info', description: 'Front desk', storage, services, forwards: 'mario.rossi@example.com', forward_keep_copy: 'yes' },
  ];
  return stringify(
    rows.map((row) => IMPORT_COLUMN_NAMES.map((column) => row[column] ?? '')),
    { header: true, columns: [...IMPORT_COLUMN_NAMES], bom: true, record_delimiter: 'windows' },
  );
}
