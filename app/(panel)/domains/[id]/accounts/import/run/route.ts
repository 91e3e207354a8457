import { getImportPage } from '@/lib/accounts/import/get-import-page';
import { importAccounts, type ImportProgress } from '@/lib/accounts/import/import-accounts';
import { requestInput } from '@/lib/accounts/import/read-csv';
import { translatedReport, type ImportEvent } from '@/lib/accounts/import/present';
import { domainIdOf, orNotFound, plainResponse, sessionContext } from '@/lib/accounts/import/session-route';
import { ForbiddenError } from '@/lib/auth/permissions';
import { isDatabaseUnavailable, NotFoundError } from '@/lib/errors';
import { translate } from '@/lib/i18n/translate';

// "Import": the CSV as the request body. Hashing thousands of passwords takes minutes, so the answer is a
// stream of JSON lines: progress while the passwords are hashed, then the outcome (the accounts created
// and the generated passwords, shown once; or the problems, and nothing written).

function failure(error: unknown): string {
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return 'errors.notFound';
  if (isDatabaseUnavailable(error)) return 'errors.databaseDown';
  console.error('[import] unexpected error:', error);
  return 'errors.generic';
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const context = await sessionContext(request, { write: true, permission: 'accounts:create' });
  if (context instanceof Response) return context;
  const domainId = domainIdOf((await params).id);
  if (domainId === null) return plainResponse(404, 'Not found');
  if (!request.body) return plainResponse(400, 'No file');
  const input = requestInput(request.body);
  const { caller, ip } = context;

  return orNotFound(async () => {
    // A domain out of reach answers 404 before the stream starts (the import checks again itself).
    await getImportPage({ caller, domainId });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: ImportEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // The client went away; the import stops at its next step (request.signal).
          }
        };
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
          if (!request.signal.aborted) send({ type: 'error', message: translate(caller.language, failure(error)) });
        } finally {
          try {
            controller.close();
          } catch {
            // already closed
          }
        }
      },
    });
    return new Response(stream, {
      headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
    });
  });
}
