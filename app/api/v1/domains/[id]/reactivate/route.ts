import { apiRoute } from '@/lib/api/handler';
import { reactivateDomainOp } from '@/lib/api/operations/domains';
import { unwrap } from '@/lib/api/result';
import { setDomainActive } from '@/lib/domains/update-domain';

export const POST = apiRoute(reactivateDomainOp, async ({ caller, ip, params }) => unwrap(await setDomainActive({ caller, ip, id: params.id, active: true })));
