import type { FailureCode } from '@/lib/failure';

// What an import found wrong: where (the row as a spreadsheet numbers it, header = 1; the column by its
// header name) and what (a message key, translated where it is shown). No row: the file as a whole.

export type ImportIssue = { row: number | null; column: string | null; message: string };

/** Why a whole file was refused: too large to read, or a failure of the domain (lib/failure.ts). */
export type ImportRefusal = 'tooLarge' | FailureCode;

/** At most this many problems are listed back; the count says how many there were. */
export const LISTED_ISSUES_MAX = 500;

/** Problems in reading order: the file's own first, then row by row, in the order of the row's columns. */
export function sortIssues(issues: ImportIssue[], columnOrder: readonly string[]): ImportIssue[] {
  const rank = (column: string | null) => (column === null ? -1 : columnOrder.indexOf(column));
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || rank(a.column) - rank(b.column));
}
