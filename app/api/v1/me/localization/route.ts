import { apiRoute } from '@/lib/api/handler';
import { updateMyLocalizationOp } from '@/lib/api/operations/other';
import { unwrap } from '@/lib/api/result';
import { updateOwnLocalization } from '@/lib/self-service/own-settings';

export const PUT = apiRoute(updateMyLocalizationOp, async ({ caller, ip, body }) => unwrap(await updateOwnLocalization({ caller, ip, input: body })));
