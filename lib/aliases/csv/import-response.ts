import 'server-only';
import { requestInput } from '@/lib/accounts/import/read-csv';
import { ApiProblem } from '@/lib/api/problem';
import type { Caller } from '@/lib/auth/caller';
import { formatBytes } from '@/lib/format';
import { keyWith } from '@/lib/i18n/keys';
import { ALIAS_IMPORT_MAX_BYTES } from '@/lib/validations/alias-csv-constants';
import { importAliasesCsv, type AliasImportOutcome } from './alias-csv';

// The alias import over HTTP, for the REST API and the aliases page's own route alike: the body checked,
// the file imported, and a refusal as problem+json naming each problem rows[N].column or file.

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

function importProblem(outcome: Extract<AliasImportOutcome, { ok: false }>): ApiProblem {
  if (outcome.refusal === 'tooLarge') return new ApiProblem('tooLarge', { detail: outcome.issues[0]?.message });
  const fieldErrors: Record<string, string> = {};
  for (const issue of outcome.issues) {
    const where = issue.row === null ? 'file' : `rows[${issue.row}]`;
    fieldErrors[issue.column ? `${where}.${issue.column}` : where] ??= issue.message;
  }
  return new ApiProblem('validation', { detail: keyWith('aliases.csv.refused', { count: outcome.issueCount }), fieldErrors });
}

/** Imports the request's CSV body into the domain; throws the problem to answer when it is refused. */
export async function importAliasesRequest({ caller, ip, domainId, request }: { caller: Caller; ip: string | null; domainId: number; request: Request }) {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!CSV_TYPES.includes(type)) throw new ApiProblem('malformed', { detail: 'accountImport.api.contentType' });
  if (Number(request.headers.get('content-length') ?? 0) > ALIAS_IMPORT_MAX_BYTES) {
    throw new ApiProblem('tooLarge', { detail: keyWith('accountImport.errors.tooLarge', { max: formatBytes(ALIAS_IMPORT_MAX_BYTES) }) });
  }
  if (!request.body) throw new ApiProblem('malformed', { detail: 'accountImport.errors.noBody' });
  const outcome = await importAliasesCsv({ caller, ip, domainId, input: requestInput(request.body) });
  if (!outcome.ok) throw importProblem(outcome);
  return { rows: outcome.rows, created: outcome.created };
}
