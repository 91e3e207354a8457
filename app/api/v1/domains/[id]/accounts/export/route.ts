import { csvDownload } from '@/lib/accounts/export/csv-response';
import { exportAccountsCsv } from '@/lib/accounts/export/export-accounts';
import { apiRoute } from '@/lib/api/handler';
import { exportAccountsOp } from '@/lib/api/operations/account-csv';

export const GET = apiRoute(exportAccountsOp, async ({ caller, params }) => csvDownload(await exportAccountsCsv({ caller, domainId: params.id })));
