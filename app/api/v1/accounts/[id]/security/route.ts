import { apiRoute } from '@/lib/api/handler';
import { assertMailboxKind } from '@/lib/api/mailbox-kind';
import { accountSectionOps } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';
import { updateSecurity } from '@/lib/mailboxes/settings/security';

export const PUT = apiRoute(accountSectionOps.security, async ({ caller, ip, params, body }) => {
  await assertMailboxKind(caller, params.id, 'account');
  return unwrap(await updateSecurity({ caller, ip, id: params.id, input: body }));
});
