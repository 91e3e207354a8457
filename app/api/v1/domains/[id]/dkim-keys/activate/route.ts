import { apiRoute } from '@/lib/api/handler';
import { activateDkimKeyOp } from '@/lib/api/operations/dkim';
import { unwrap } from '@/lib/api/result';
import { activateDkimKey } from '@/lib/dkim/dkim-keys';

export const POST = apiRoute(activateDkimKeyOp, async ({ caller, ip, params, query }) => unwrap(await activateDkimKey({ caller, ip, id: params.id, algorithm: query.algorithm })));
