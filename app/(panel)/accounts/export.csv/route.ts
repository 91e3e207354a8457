import { csvDownload } from '@/lib/accounts/export/csv-response';
import { exportAccountsCsv } from '@/lib/accounts/export/export-accounts';
import { orNotFound, sessionContext } from '@/lib/accounts/import/session-route';

// "Export CSV" on the list of every account the caller may see.
export async function GET(request: Request): Promise<Response> {
  const context = await sessionContext(request, { write: false, permission: 'accounts:read' });
  if (context instanceof Response) return context;
  return orNotFound(async () => csvDownload(await exportAccountsCsv({ caller: context.caller })));
}
