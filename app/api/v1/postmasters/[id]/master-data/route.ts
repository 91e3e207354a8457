import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { postmasterSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateMasterData } from '@/lib/mailboxes/settings/master-data';

export const PUT = apiRoute(postmasterSectionOps.masterData, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'postmaster');
  return unwrap(await updateMasterData({ caller, ip, id: params.id, input: body }));
});
