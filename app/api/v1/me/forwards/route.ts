import { apiRoute } from '@/lib/api/handler';
import { updateMyForwardsOp } from '@/lib/api/operations/other';
import { unwrap } from '@/lib/api/result';
import { updateOwnForwards } from '@/lib/self-service/own-settings';

export const PUT = apiRoute(updateMyForwardsOp, async ({ caller, ip, body }) => unwrap(await updateOwnForwards({ caller, ip, input: body })));
