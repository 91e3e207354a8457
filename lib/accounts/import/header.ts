import { keyWith } from '@/lib/i18n/translate';
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMN_NAMES, normalizeHeader, type ExportOnlyColumn, type ImportColumn } from '@/lib/validations/account-import';
import type { ImportIssue } from './issues';

export type KnownColumn = ImportColumn | ExportOnlyColumn;

/** The header row: which column each cell position holds (null: a blank header cell, whose column is ignored). */
export type Header = { columns: (KnownColumn | null)[] };

function known(name: string): name is KnownColumn {
  return (IMPORT_COLUMN_NAMES as string[]).includes(name) || (EXPORT_ONLY_COLUMNS as readonly string[]).includes(name);
}

/** The header, or what is wrong with it (an unknown or repeated column, no local_part). */
export function readHeader(cells: string[]): { header: Header } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const columns: (KnownColumn | null)[] = [];
  for (const cell of cells) {
    const name = normalizeHeader(cell);
    // Spreadsheets may write a delimiter after the last column.
    if (name === '') {
      columns.push(null);
    } else if (!known(name)) {
      issues.push({ row: 1, column: cell.trim().slice(0, 60), message: keyWith('accountImport.errors.unknownColumn', { column: cell.trim().slice(0, 60) }) });
    } else if (columns.includes(name)) {
      issues.push({ row: 1, column: name, message: keyWith('accountImport.errors.duplicateColumn', { column: name }) });
    } else {
      columns.push(name);
    }
  }
  if (!columns.includes('local_part')) issues.push({ row: 1, column: 'local_part', message: 'accountImport.errors.missingColumn' });
  return issues.length > 0 ? { issues } : { header: { columns } };
}

/** A record's cells by column name; a record shorter than the header is missing its last cells. */
export function cellsOf(header: Header, cells: string[]): Partial<Record<KnownColumn, string>> {
  const out: Partial<Record<KnownColumn, string>> = {};
  header.columns.forEach((column, i) => {
    if (column) out[column] = cells[i] ?? '';
  });
  return out;
}
