import { deleteAccount } from '@/lib/accounts/lifecycle/delete-account';
import { getAccountActions } from '@/lib/accounts/lifecycle/get-account-actions';
import { apiRoute } from '@/lib/api/handler';
import { deleteAccountOp, getAccountOp } from '@/lib/api/operations/mailboxes';
import { presentMailbox } from '@/lib/api/present';
import { unwrap } from '@/lib/api/result';
import { notFound } from '@/lib/failure';
import { getMailboxSettings } from '@/lib/mailboxes/settings/get-mailbox-settings';

export const GET = apiRoute(getAccountOp, async ({ caller, params }) => {
  const settings = await getMailboxSettings({ caller, id: params.id });
  // The postmaster mailbox is no account: it has its own resource under /postmasters.
  if (settings.mailbox.isPostmaster) throw notFound();
  const actions = await getAccountActions({ caller, id: params.id });
  return { ...presentMailbox(settings), ...actions };
});

export const DELETE = apiRoute(deleteAccountOp, async ({ caller, ip, params, query }) => {
  unwrap(await deleteAccount({ caller, ip, id: params.id, input: query }));
});
