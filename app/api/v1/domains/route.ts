import { apiRoute, reply } from '@/lib/api/handler';
import { createDomainOp, listDomainsOp } from '@/lib/api/operations/domains';
import { presentDomainRow } from '@/lib/api/present';
import { unwrap } from '@/lib/api/result';
import { addDomain } from '@/lib/domains/add-domain';
import { listDomains } from '@/lib/domains/list-domains';

export const GET = apiRoute(listDomainsOp, async ({ caller, query }) => {
  const page = await listDomains({ caller, query });
  return { ...page, rows: page.rows.map(presentDomainRow) };
});

export const POST = apiRoute(createDomainOp, async ({ caller, ip, body }) => {
  const added = unwrap(await addDomain({ caller, ip, input: body }));
  return reply(added, { Location: `/api/v1/domains/${added.id}` });
});
