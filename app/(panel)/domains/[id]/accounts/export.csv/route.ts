import { csvDownload } from '@/lib/accounts/export/csv-response';
import { exportAccountsCsv } from '@/lib/accounts/export/export-accounts';
import { sessionRoute } from '@/lib/accounts/import/session-route';

// "Export CSV" on a domain's account list.
export const GET = sessionRoute({ permission: 'accounts:read', write: false }, async ({ caller, domainId }) => csvDownload(await exportAccountsCsv({ caller, domainId })));
