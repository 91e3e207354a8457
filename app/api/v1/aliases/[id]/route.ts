import { deleteAlias, updateAlias } from '@/lib/aliases/update-alias';
import { getAlias } from '@/lib/aliases/list-aliases';
import { apiRoute } from '@/lib/api/handler';
import { deleteAliasOp, getAliasOp, updateAliasOp } from '@/lib/api/operations/aliases';
import { unwrap } from '@/lib/api/result';

export const GET = apiRoute(getAliasOp, async ({ caller, params }) => getAlias({ caller, id: params.id }));

export const PUT = apiRoute(updateAliasOp, async ({ caller, ip, params, body }) => unwrap(await updateAlias({ caller, ip, id: params.id, input: body })));

export const DELETE = apiRoute(deleteAliasOp, async ({ caller, ip, params }) => {
  unwrap(await deleteAlias({ caller, ip, id: params.id }));
});
