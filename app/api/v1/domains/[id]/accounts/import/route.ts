import { importAccounts } from '@/lib/accounts/import/import-accounts';
import type { ImportReport } from '@/lib/accounts/import/preview-import';
import { requestInput } from '@/lib/accounts/import/read-csv';
import { apiRoute, reply } from '@/lib/api/handler';
import { importAccountsOp } from '@/lib/api/operations/account-csv';
import { ApiProblem } from '@/lib/api/problem';
import { problemOf } from '@/lib/api/result';
import { keyWith } from '@/lib/i18n/translate';
import { formatBytes } from '@/lib/format';
import { IMPORT_MAX_BYTES } from '@/lib/validations/account-import';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];
/** Refusals of the whole import that the wizard would give too (the domain, not the file). */
const REFUSALS = ['wizard.errors.domainInactive', 'wizard.errors.notAllowed', 'wizard.errors.domainFull'];

const baseKey = (key: string) => key.split('|')[0]!;

/** What was wrong with the file, as the API answers it: each problem named rows[N].column, or file. */
function importProblem(report: ImportReport): ApiProblem {
  const [first] = report.issues;
  if (report.issueCount === 1 && first && first.row === null && first.column === null) {
    if (baseKey(first.message) === 'accountImport.errors.tooLarge') return new ApiProblem('tooLarge', { detail: first.message });
    if (REFUSALS.includes(baseKey(first.message))) return problemOf({ ok: false, fieldErrors: {}, formError: first.message });
  }
  const fieldErrors: Record<string, string> = {};
  for (const issue of report.issues) {
    const where = issue.row === null ? 'file' : `rows[${issue.row}]`;
    fieldErrors[issue.column ? `${where}.${issue.column}` : where] ??= issue.message;
  }
  return new ApiProblem('validation', {
    detail: keyWith('accountImport.api.refused', { count: report.issueCount, shown: report.issues.length }),
    fieldErrors,
  });
}

export const POST = apiRoute(importAccountsOp, async ({ caller, ip, params, request }) => {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!CSV_TYPES.includes(type)) throw new ApiProblem('malformed', { detail: 'accountImport.api.contentType' });
  if (Number(request.headers.get('content-length') ?? 0) > IMPORT_MAX_BYTES) {
    throw new ApiProblem('tooLarge', { detail: keyWith('accountImport.errors.tooLarge', { max: formatBytes(IMPORT_MAX_BYTES) }) });
  }
  if (!request.body) throw new ApiProblem('malformed', { detail: 'accountImport.errors.noBody' });
  const outcome = await importAccounts({ caller, ip, domainId: params.id, input: requestInput(request.body), signal: request.signal });
  if (!outcome.ok) throw importProblem(outcome);
  const { rows, skipped, created, generated } = outcome;
  return reply({ rows, accounts: created.length, skipped, created, generated }, {});
});
