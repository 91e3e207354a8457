import { setAccountActive } from '@/lib/accounts/lifecycle/set-account-active';
import { apiRoute } from '@/lib/api/handler';
import { deactivateAccountOp } from '@/lib/api/operations/mailboxes';
import { unwrap } from '@/lib/api/result';

export const POST = apiRoute(deactivateAccountOp, async ({ caller, ip, params }) => unwrap(await setAccountActive({ caller, ip, id: params.id, active: false })));
