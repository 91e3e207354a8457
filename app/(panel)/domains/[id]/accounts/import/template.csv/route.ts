import { getImportPage } from '@/lib/accounts/import/get-import-page';
import { domainIdOf, orNotFound, plainResponse, sessionContext } from '@/lib/accounts/import/session-route';
import { importTemplateCsv } from '@/lib/accounts/import/template';

// The import page's "Download a template": the header and two example rows for this domain.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const context = await sessionContext(request, { write: false, permission: 'accounts:create' });
  if (context instanceof Response) return context;
  const domainId = domainIdOf((await params).id);
  if (domainId === null) return plainResponse(404, 'Not found');
  return orNotFound(async () => {
    const page = await getImportPage({ caller: context.caller, domainId });
    return new Response(importTemplateCsv(page), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="email-accounts-template.csv"',
        'Cache-Control': 'no-store',
      },
    });
  });
}
