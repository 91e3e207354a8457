import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { postmasterSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateSecurity } from '@/lib/mailboxes/settings/security';

export const PUT = apiRoute(postmasterSectionOps.security, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'postmaster');
  return unwrap(await updateSecurity({ caller, ip, id: params.id, input: body }));
});
