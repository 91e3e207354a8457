import { apiRoute } from '@/lib/api/handler';
import { updateMyAutoresponderOp } from '@/lib/api/operations/other';
import { unwrap } from '@/lib/api/result';
import { updateOwnAutoresponder } from '@/lib/self-service/own-settings';

export const PUT = apiRoute(updateMyAutoresponderOp, async ({ caller, ip, body }) => unwrap(await updateOwnAutoresponder({ caller, ip, input: body })));
