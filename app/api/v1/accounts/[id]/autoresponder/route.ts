import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { accountSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';

export const PUT = apiRoute(accountSectionOps.autoresponder, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'account');
  return unwrap(await updateAutoresponder({ caller, ip, id: params.id, input: body }));
});
