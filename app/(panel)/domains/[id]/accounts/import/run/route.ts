import { getImportPage } from '@/lib/accounts/import/get-import-page';
import { importAccounts, type ImportProgress } from '@/lib/accounts/import/import-accounts';
import { translatedReport, type ImportEvent } from '@/lib/accounts/import/present';
import { requestInput } from '@/lib/accounts/import/read-csv';
import { sessionRoute } from '@/lib/accounts/import/session-route';
import { refusalOf } from '@/lib/errors';
import { translate } from '@/lib/i18n/translate';
import { ndjsonResponse } from '@/lib/request/ndjson-response';

// "Import": the CSV as the request body. Hashing thousands of passwords takes minutes, so the answer is a
// stream of JSON lines: progress while the passwords are hashed, then the outcome (the accounts created
// and the generated passwords, shown once; or the problems, and nothing written).

export const POST = sessionRoute({ permission: 'accounts:create', write: true, body: true }, async ({ request, caller, ip, domainId }) => {
  const input = requestInput(request.body!);
  // A domain out of reach answers 404 before the stream starts (the import checks again itself).
  await getImportPage({ caller, domainId });
  // The client going away stops the import at its next step (request.signal).
  return ndjsonResponse<ImportEvent>(async (send) => {
    let sentAt = 0;
    const onProgress = (progress: ImportProgress) => {
      const now = Date.now();
      if (progress.phase === 'hashing' && progress.done < progress.total && now - sentAt < 250) return;
      sentAt = now;
      send({ type: 'progress', ...progress });
    };
    try {
      const outcome = await importAccounts({ caller, ip, domainId, input, onProgress, signal: request.signal });
      send({ type: 'result', ...translatedReport(outcome, caller.language) });
    } catch (error) {
      if (!request.signal.aborted) send({ type: 'error', message: translate(caller.language, refusalOf(error).formError ?? 'errors.generic') });
    }
  });
});
