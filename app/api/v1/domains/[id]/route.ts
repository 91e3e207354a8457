import { apiRoute } from '@/lib/api/handler';
import { deleteDomainOp, getDomainOp } from '@/lib/api/operations/domains';
import { presentDomain } from '@/lib/api/present';
import { unwrap } from '@/lib/api/result';
import { getDomain } from '@/lib/domains/get-domain';
import { deleteDomain } from '@/lib/domains/update-domain';

export const GET = apiRoute(getDomainOp, async ({ caller, params }) => presentDomain(await getDomain({ caller, id: params.id })));

export const DELETE = apiRoute(deleteDomainOp, async ({ caller, ip, params, query }) => {
  unwrap(await deleteDomain({ caller, ip, id: params.id, input: query }));
});
