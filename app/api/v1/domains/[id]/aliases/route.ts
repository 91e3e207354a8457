import { createAlias } from '@/lib/aliases/create-alias';
import { listAliases } from '@/lib/aliases/list-aliases';
import { apiRoute, reply } from '@/lib/api/handler';
import { createAliasOp, listDomainAliasesOp } from '@/lib/api/operations/aliases';
import { unwrap } from '@/lib/api/result';

export const GET = apiRoute(listDomainAliasesOp, async ({ caller, params, query }) => listAliases({ caller, query, domainId: params.id, exactTotal: true }));

export const POST = apiRoute(createAliasOp, async ({ caller, ip, params, body }) => {
  const created = unwrap(await createAlias({ caller, ip, domainId: params.id, input: body }));
  return reply(created, { Location: `/api/v1/aliases/${created.id}` });
});
