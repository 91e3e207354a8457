import { sessionRoute } from '@/lib/accounts/import/session-route';
import { importAliasesRequest } from '@/lib/aliases/csv/import-response';

// The aliases page's import: the file as the request's body, answered as the REST API answers it.
export const POST = sessionRoute({ permission: 'aliases:create', write: true, body: true }, async ({ request, caller, ip, domainId }) =>
  Response.json(await importAliasesRequest({ caller, ip, domainId, request }), { status: 201 }),
);
