import { removeAliasDomain } from '@/lib/alias-domains/alias-domains';
import { apiRoute } from '@/lib/api/handler';
import { removeAliasDomainOp } from '@/lib/api/operations/alias-domains';
import { unwrap } from '@/lib/api/result';

export const DELETE = apiRoute(removeAliasDomainOp, async ({ caller, ip, params }) => {
  unwrap(await removeAliasDomain({ caller, ip, id: params.id }));
});
