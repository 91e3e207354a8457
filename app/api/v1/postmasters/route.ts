import { apiRoute } from '@/lib/api/handler';
import { listPostmastersOp } from '@/lib/api/operations/mailboxes';
import { listPostmasters } from '@/lib/postmasters/list-postmasters';

export const GET = apiRoute(listPostmastersOp, async ({ caller, query }) => listPostmasters({ caller, query }));
