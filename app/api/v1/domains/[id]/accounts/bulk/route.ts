import { bulkAccounts } from '@/lib/accounts/bulk/bulk-accounts';
import { apiRoute } from '@/lib/api/handler';
import { bulkAccountsOp } from '@/lib/api/operations/account-bulk';
import { unwrap } from '@/lib/api/result';

export const POST = apiRoute(bulkAccountsOp, async ({ caller, ip, params, body }) => unwrap(await bulkAccounts({ caller, ip, domainId: params.id, input: body })));
