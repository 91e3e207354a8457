import { getImportPage } from '@/lib/accounts/import/get-import-page';
import { sessionRoute } from '@/lib/accounts/import/session-route';
import { importTemplateCsv } from '@/lib/accounts/import/template';

// The import page's "Download a template": the header and two example rows for this domain.
export const GET = sessionRoute({ permission: 'accounts:create', write: false }, async ({ caller, domainId }) => {
  const page = await getImportPage({ caller, domainId });
  return new Response(importTemplateCsv(page), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="email-accounts-template.csv"',
      'Cache-Control': 'no-store',
    },
  });
});
