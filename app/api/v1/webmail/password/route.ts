import { apiRoute } from '@/lib/api/handler';
import { changeWebmailPasswordOp } from '@/lib/api/operations/other';
import { unwrap } from '@/lib/api/result';
import { changeOwnPasswordFromWebmail } from '@/lib/self-service/own-security';

// Roundcube's password plugin (driver in mail/roundcube/plugins/mailpanel): the account signs with its
// current password (the wrapper checks it, the throttle and the Webmail switch); the panel's own rules decide.
export const POST = apiRoute(changeWebmailPasswordOp, async ({ caller, ip, body }) => {
  unwrap(await changeOwnPasswordFromWebmail({ caller, ip, input: body }));
});
