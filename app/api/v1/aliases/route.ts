import { listAliases } from '@/lib/aliases/list-aliases';
import { apiRoute } from '@/lib/api/handler';
import { listAliasesOp } from '@/lib/api/operations/aliases';

export const GET = apiRoute(listAliasesOp, async ({ caller, query }) => listAliases({ caller, query, exactTotal: true }));
