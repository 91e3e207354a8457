import 'server-only';
import { getDb } from '@/db';
import { creationRefusal, loadWizardDomain } from '@/lib/accounts/wizard/access';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { displayAddress } from '@/lib/domains/display-name';
import type { Failure } from '@/lib/failure';
import { SERVICES, type Service } from '@/lib/mail/services';
import { LISTED_ISSUES_MAX, type ImportIssue, type ImportRefusal } from './issues';
import { prepareImport, type PreparedImport } from './prepare-import';
import type { CsvInput } from './read-csv';

/** What a check of the file says, as the page and the API show it. */
export type ImportReport = {
  /** Rows read after the header. */
  rows: number;
  /** Rows that would create an account. */
  accounts: number;
  /** Postmaster rows of an export, skipped. */
  skipped: number[];
  /** The first LISTED_ISSUES_MAX problems; `issueCount` says how many there were. */
  issues: ImportIssue[];
  issueCount: number;
  refusal?: ImportRefusal;
};

export type PreviewAccount = { row: number; address: string; name: string; quotaBytes: number; services: Service[]; passwordGenerated: boolean };

export type ImportPreview = ImportReport & { sample: PreviewAccount[] };

/** Accounts the preview lists. */
export const PREVIEW_SAMPLE = 100;

export function reportOf(prepared: Pick<PreparedImport, 'rows' | 'accountRows' | 'skipped' | 'issues' | 'refusal'>): ImportReport {
  return {
    ...(prepared.refusal ? { refusal: prepared.refusal } : {}),
    rows: prepared.rows,
    accounts: prepared.accountRows,
    skipped: prepared.skipped,
    issues: prepared.issues.slice(0, LISTED_ISSUES_MAX),
    issueCount: prepared.issues.length,
  };
}

/** A refusal of the whole import (the domain is deactivated, full, the postmaster may not create). */
export function refusedReport(failure: Failure): ImportReport {
  return reportOf({ rows: 0, accountRows: 0, skipped: [], issues: [{ row: null, column: null, message: failure.key }], refusal: failure.code });
}

/**
 * The preview: reads the caller's CSV for a domain in its scope and reports every problem, row by row,
 * and what would be created. Writes nothing and hashes nothing; a notFound failure out of scope.
 */
export async function previewImport({ caller, domainId, input }: { caller: Caller; domainId: number; input: CsvInput }): Promise<ImportPreview> {
  assertCan(caller, 'accounts:create');
  const db = getDb();
  const domain = await loadWizardDomain({ ex: db, caller, domainId });
  const refusal = creationRefusal(caller, domain);
  if (refusal) return { ...refusedReport(refusal), sample: [] };
  const prepared = await prepareImport({ ex: db, caller, domain, input });
  const sample = prepared.accounts.slice(0, PREVIEW_SAMPLE).map((account) => ({
    row: account.row,
    address: displayAddress(`${account.localPart}@${domain.domain.name}`),
    name: [account.firstName, account.lastName].filter(Boolean).join(' ') || account.description,
    quotaBytes: account.services.quotaBytes,
    services: SERVICES.filter((s) => account.services.services[s]),
    passwordGenerated: account.password === null,
  }));
  return { ...reportOf(prepared), sample };
}
