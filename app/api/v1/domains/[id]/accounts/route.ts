import { listAccounts } from '@/lib/accounts/list-accounts';
import { createAccountAtOnce } from '@/lib/accounts/wizard/create-account-at-once';
import { apiRoute, reply } from '@/lib/api/handler';
import { createAccountOp, listDomainAccountsOp } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';

export const GET = apiRoute(listDomainAccountsOp, async ({ caller, params, query }) => {
  const { rows, total, page, pageSize } = await listAccounts({ caller, query, domainId: params.id, exactTotal: true });
  return { rows, total, page, pageSize };
});

/** A typed password need not be typed twice here: confirmPassword defaults to it. */
function withConfirmation(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const account = (body as { account?: unknown }).account;
  if (typeof account !== 'object' || account === null || 'confirmPassword' in account) return body;
  return { ...body, account: { ...account, confirmPassword: (account as { password?: unknown }).password } };
}

export const POST = apiRoute(createAccountOp, async ({ caller, ip, params, body }) => {
  const created = unwrap(await createAccountAtOnce({ caller, ip, domainId: params.id, input: withConfirmation(body) }));
  return reply(created, { Location: `/api/v1/accounts/${created.id}` });
});
