import { apiRoute } from '@/lib/api/handler';
import { getPlanOp } from '@/lib/api/operations/other';
import { presentPlan } from '@/lib/api/present';
import { getPlan } from '@/lib/plans/read-plans';

export const GET = apiRoute(getPlanOp, async ({ caller, params }) => presentPlan(await getPlan({ caller, id: params.id })));
