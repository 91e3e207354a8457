import { csvDownload } from '@/lib/accounts/export/csv-response';
import { exportAliasesCsv } from '@/lib/aliases/csv/alias-csv';
import { apiRoute } from '@/lib/api/handler';
import { exportAliasesOp } from '@/lib/api/operations/alias-csv';

export const GET = apiRoute(exportAliasesOp, async ({ caller, params }) => csvDownload(await exportAliasesCsv({ caller, domainId: params.id })));
