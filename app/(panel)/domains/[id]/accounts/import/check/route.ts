import { previewImport } from '@/lib/accounts/import/preview-import';
import { translatedReport } from '@/lib/accounts/import/present';
import { requestInput } from '@/lib/accounts/import/read-csv';
import { sessionRoute } from '@/lib/accounts/import/session-route';

// "Check the file": the CSV as the request body, streamed; answers the preview (JSON). Writes nothing.
export const POST = sessionRoute({ permission: 'accounts:create', write: true, body: true }, async ({ request, caller, domainId }) => {
  const preview = await previewImport({ caller, domainId, input: requestInput(request.body!) });
  return Response.json(translatedReport(preview, caller.language), { headers: { 'Cache-Control': 'no-store' } });
});
