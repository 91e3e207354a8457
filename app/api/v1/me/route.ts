import { apiRoute } from '@/lib/api/handler';
import { getMeOp } from '@/lib/api/operations/other';
import { presentMe } from '@/lib/api/present';
import { getOwnSettings } from '@/lib/self-service/own-settings';

export const GET = apiRoute(getMeOp, async ({ caller }) => presentMe(caller, await getOwnSettings(caller)));
