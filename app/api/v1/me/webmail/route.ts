import { apiRoute } from '@/lib/api/handler';
import { updateMyWebmailOp } from '@/lib/api/operations/other';
import { unwrap } from '@/lib/api/result';
import { updateOwnWebmail } from '@/lib/self-service/own-settings';

export const PUT = apiRoute(updateMyWebmailOp, async ({ caller, ip, body }) => unwrap(await updateOwnWebmail({ caller, ip, input: body })));
