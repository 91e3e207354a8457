import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { accountSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';

export const PUT = apiRoute(accountSectionOps.webmail, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'account');
  return unwrap(await updateWebmail({ caller, ip, id: params.id, input: body }));
});
