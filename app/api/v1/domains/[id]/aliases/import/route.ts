import { importAliasesRequest } from '@/lib/aliases/csv/import-response';
import { apiRoute, reply } from '@/lib/api/handler';
import { importAliasesOp } from '@/lib/api/operations/alias-csv';

export const POST = apiRoute(importAliasesOp, async ({ caller, ip, params, request }) => reply(await importAliasesRequest({ caller, ip, domainId: params.id, request }), {}));
