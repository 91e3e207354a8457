import type { Executor } from '@/db';
import type { WizardDomain } from '@/lib/accounts/wizard/access';
import type { Caller } from '@/lib/auth/caller';
import { keyWith } from '@/lib/i18n/translate';
import { SERVICES, type Service } from '@/lib/mail/services';
import { booleanCellSchema, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@/lib/validations/account-import';
import { checkFile } from './check-file';
import { decodeRow, type ImportDefaults } from './decode-row';
import { cellsOf, readHeader, type Header } from './header';
import { sortIssues, type ImportIssue, type ImportRefusal } from './issues';
import { CsvReadError, readCsv, type CsvInput } from './read-csv';
import { validateRow, type ImportAccount } from './validate-row';

// Reads a whole upload and says what it would create and what is wrong with it, without writing or
// hashing anything: the preview is exactly this, and the import does this first and then, under the
// domain's lock, checks what may have changed meanwhile once more.

export type PreparedImport = {
  /** Rows read after the header (blank ones included). */
  rows: number;
  /** The rows valid on their own, in file order. */
  accounts: ImportAccount[];
  /** Rows (valid or not) that would create an account. */
  accountRows: number;
  /** Every problem found, sorted (the caller lists the first few). */
  issues: ImportIssue[];
  /** Why the whole file was refused, where a client acts on it (the API answers 413 for `tooLarge`). */
  refusal?: ImportRefusal;
  /** Postmaster rows of an export, skipped. */
  skipped: number[];
};

export type ImportLimits = { maxRows: number; maxBytes: number };
const LIMITS: ImportLimits = { maxRows: IMPORT_MAX_ROWS, maxBytes: IMPORT_MAX_BYTES };

/** What an empty storage or services cell means in this domain: what the wizard starts with. */
export function importDefaults(domain: WizardDomain): ImportDefaults {
  const options = [...domain.plan.storageOptionsBytes].sort((a, b) => a - b);
  const preferred = domain.domain.defaultStorageBytes;
  const offered = Object.fromEntries(SERVICES.map((s) => [s, domain.domain[s] && domain.plan[s]])) as Record<Service, boolean>;
  return { quotaBytes: preferred !== null && options.includes(preferred) ? preferred : (options[0] ?? 0), services: offered };
}

const fileIssue = (message: string): ImportIssue => ({ row: null, column: null, message });

function isYes(cell: string | undefined): boolean {
  const parsed = booleanCellSchema.safeParse(cell ?? '');
  return parsed.success && parsed.data;
}

/** Cells beyond the header's, when any holds something: most likely a delimiter inside an unquoted cell. */
function overflow(header: Header, cells: string[]): boolean {
  return cells.slice(header.columns.length).some((cell) => cell.trim() !== '');
}

export async function prepareImport({
  ex,
  caller,
  domain,
  input,
  limits = LIMITS,
}: {
  ex: Executor;
  caller: Caller;
  /** Found in the caller's scope (loadWizardDomain). */
  domain: WizardDomain;
  input: CsvInput;
  limits?: ImportLimits;
}): Promise<PreparedImport> {
  const defaults = importDefaults(domain);
  const result: PreparedImport = { rows: 0, accounts: [], accountRows: 0, issues: [], skipped: [] };
  const stop = (issue: ImportIssue): PreparedImport => ({ ...result, accounts: [], issues: [issue] });
  let header: Header | undefined;

  try {
    for await (const record of readCsv(input, { maxBytes: limits.maxBytes })) {
      if (!header) {
        const read = readHeader(record.cells);
        if ('issues' in read) return { ...result, issues: read.issues };
        header = read.header;
        continue;
      }
      result.rows += 1;
      if (record.cells.every((cell) => cell.trim() === '')) continue;
      // A file that is not UTF-8 decodes to replacement characters: say so once, not on every row.
      if (record.cells.some((cell) => cell.includes('\uFFFD'))) return stop(fileIssue('accountImport.errors.encoding'));
      const cells = cellsOf(header, record.cells);
      if (isYes(cells.postmaster)) {
        result.skipped.push(record.row);
        continue;
      }
      result.accountRows += 1;
      if (result.accountRows > limits.maxRows) return stop(fileIssue(keyWith('accountImport.errors.tooManyRows', { max: limits.maxRows })));
      if (overflow(header, record.cells)) {
        const message = keyWith('accountImport.errors.cellCount', { count: record.cells.length, expected: header.columns.length });
        result.issues.push({ row: record.row, column: null, message });
        continue;
      }

      const decoded = decodeRow(cells, defaults);
      const validated = validateRow(record.row, decoded.inputs, domain, caller.language);
      // The first problem of each column.
      const columns = new Set<string>();
      for (const issue of [...decoded.issues, ...validated.issues]) {
        if (columns.has(issue.column)) continue;
        columns.add(issue.column);
        result.issues.push({ row: record.row, column: issue.column, message: issue.message });
      }
      if (validated.account && columns.size === 0) result.accounts.push(validated.account);
    }
  } catch (error) {
    if (error instanceof CsvReadError) return { ...stop(fileIssue(error.messageKey)), ...(error.tooLarge ? { refusal: 'tooLarge' as const } : {}) };
    throw error;
  }

  if (!header || result.accountRows === 0) return stop(fileIssue('accountImport.errors.empty'));
  result.issues.push(...(await checkFile(ex, result.accounts, domain, caller.language, result.accountRows)));
  result.issues = sortIssues(result.issues, header.columns.filter((c) => c !== null));
  return result;
}

