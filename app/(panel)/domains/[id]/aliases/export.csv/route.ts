import { csvDownload } from '@/lib/accounts/export/csv-response';
import { sessionRoute } from '@/lib/accounts/import/session-route';
import { exportAliasesCsv } from '@/lib/aliases/csv/alias-csv';

// "Export CSV" on a domain's aliases page.
export const GET = sessionRoute({ permission: 'aliases:read', write: false }, async ({ caller, domainId }) => csvDownload(await exportAliasesCsv({ caller, domainId })));
