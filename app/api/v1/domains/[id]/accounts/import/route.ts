import { importAccounts } from '@/lib/accounts/import/import-accounts';
import type { ImportReport } from '@/lib/accounts/import/preview-import';
import { requestInput } from '@/lib/accounts/import/read-csv';
import { apiRoute, reply } from '@/lib/api/handler';
import { importAccountsOp } from '@/lib/api/operations/account-csv';
import { ApiProblem } from '@/lib/api/problem';
import { problemFromError } from '@/lib/api/result';
import { Failure } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { formatBytes } from '@/lib/format';
import { IMPORT_MAX_BYTES } from '@/lib/validations/account-import';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];


/** What was wrong with the file, as the API answers it: each problem named rows[N].column, or file. */
function importProblem(report: ImportReport): ApiProblem {
  const [first] = report.issues;
  // The whole file refused: too large, or what the wizard would refuse too (the domain, not the file).
  if (report.refusal === 'tooLarge') return new ApiProblem('tooLarge', { detail: first?.message });
  if (report.refusal && first) return problemFromError(new Failure(report.refusal, first.message));
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
