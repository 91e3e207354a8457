import { apiRoute } from '@/lib/api/handler';
import { createDkimKeyOp } from '@/lib/api/operations/dkim';
import { unwrap } from '@/lib/api/result';
import { createDkimKey } from '@/lib/dkim/dkim-keys';

export const POST = apiRoute(createDkimKeyOp, async ({ caller, ip, params, query }) => unwrap(await createDkimKey({ caller, ip, id: params.id, algorithm: query.algorithm })));
