import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { accountSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateGeneral } from '@/lib/mailboxes/settings/general';

export const PUT = apiRoute(accountSectionOps.general, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'account');
  return unwrap(await updateGeneral({ caller, ip, id: params.id, input: body }));
});
