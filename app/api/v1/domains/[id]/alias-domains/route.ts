import { addAliasDomain, listAliasDomains } from '@/lib/alias-domains/alias-domains';
import { apiRoute, reply } from '@/lib/api/handler';
import { addAliasDomainOp, listAliasDomainsOp } from '@/lib/api/operations/alias-domains';
import { unwrap } from '@/lib/api/result';

export const GET = apiRoute(listAliasDomainsOp, async ({ caller, params }) => listAliasDomains({ caller, domainId: params.id }));

export const POST = apiRoute(addAliasDomainOp, async ({ caller, ip, params, body }) => {
  const added = unwrap(await addAliasDomain({ caller, ip, domainId: params.id, input: body }));
  return reply(added, { Location: `/api/v1/domains/${params.id}/alias-domains` });
});
