import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { postmasterSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateAutoresponder } from '@/lib/mailboxes/settings/autoresponder';

export const PUT = apiRoute(postmasterSectionOps.autoresponder, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'postmaster');
  return unwrap(await updateAutoresponder({ caller, ip, id: params.id, input: body }));
});
