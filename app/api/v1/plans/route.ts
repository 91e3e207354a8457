import { apiRoute } from '@/lib/api/handler';
import { listPlansOp } from '@/lib/api/operations/other';
import { presentPlan } from '@/lib/api/present';
import { listPlans } from '@/lib/plans/read-plans';

export const GET = apiRoute(listPlansOp, async ({ caller }) => ({ rows: (await listPlans({ caller })).map(presentPlan) }));
