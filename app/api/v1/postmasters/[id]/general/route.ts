import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { postmasterSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateGeneral } from '@/lib/mailboxes/settings/general';

export const PUT = apiRoute(postmasterSectionOps.general, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'postmaster');
  return unwrap(await updateGeneral({ caller, ip, id: params.id, input: body }));
});
