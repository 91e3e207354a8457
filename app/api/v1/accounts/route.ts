import { listAccounts } from '@/lib/accounts/list-accounts';
import { apiRoute } from '@/lib/api/handler';
import { listAccountsOp } from '@/lib/api/operations/mailboxes';

export const GET = apiRoute(listAccountsOp, async ({ caller, query }) => {
  const { rows, total, page, pageSize } = await listAccounts({ caller, query, exactTotal: true });
  return { rows, total, page, pageSize };
});
