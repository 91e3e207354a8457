import { csvDownload } from '@/lib/accounts/export/csv-response';
import { exportAccountsCsv } from '@/lib/accounts/export/export-accounts';
import { domainIdOf, orNotFound, plainResponse, sessionContext } from '@/lib/accounts/import/session-route';

// "Export CSV" on a domain's account list.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const context = await sessionContext(request, { write: false, permission: 'accounts:read' });
  if (context instanceof Response) return context;
  const domainId = domainIdOf((await params).id);
  if (domainId === null) return plainResponse(404, 'Not found');
  return orNotFound(async () => csvDownload(await exportAccountsCsv({ caller: context.caller, domainId })));
}
