import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { postmasterSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateWebmail } from '@/lib/mailboxes/settings/webmail';

export const PUT = apiRoute(postmasterSectionOps.webmail, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'postmaster');
  return unwrap(await updateWebmail({ caller, ip, id: params.id, input: body }));
});
