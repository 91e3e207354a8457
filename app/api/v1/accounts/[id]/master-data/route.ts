import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { accountSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateMasterData } from '@/lib/mailboxes/settings/master-data';

export const PUT = apiRoute(accountSectionOps.masterData, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'account');
  return unwrap(await updateMasterData({ caller, ip, id: params.id, input: body }));
});
