import { csvDownload } from '@/lib/accounts/export/csv-response';
import { exportAccountsCsv } from '@/lib/accounts/export/export-accounts';
import { sessionRoute } from '@/lib/accounts/import/session-route';

// "Export CSV" on the list of every account the caller may see.
export const GET = sessionRoute({ permission: 'accounts:read', write: false }, async ({ caller }) => csvDownload(await exportAccountsCsv({ caller })));
