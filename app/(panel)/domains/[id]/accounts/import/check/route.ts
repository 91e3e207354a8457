import { requestInput } from '@/lib/accounts/import/read-csv';
import { previewImport } from '@/lib/accounts/import/preview-import';
import { translatedReport } from '@/lib/accounts/import/present';
import { domainIdOf, orNotFound, plainResponse, sessionContext } from '@/lib/accounts/import/session-route';

// "Check the file": the CSV as the request body, streamed; answers the preview (JSON). Writes nothing.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const context = await sessionContext(request, { write: true, permission: 'accounts:create' });
  if (context instanceof Response) return context;
  const domainId = domainIdOf((await params).id);
  if (domainId === null) return plainResponse(404, 'Not found');
  if (!request.body) return plainResponse(400, 'No file');
  const body = requestInput(request.body);
  return orNotFound(async () => {
    const preview = await previewImport({ caller: context.caller, domainId, input: body });
    return Response.json(translatedReport(preview, context.caller.language), { headers: { 'Cache-Control': 'no-store' } });
  });
}
