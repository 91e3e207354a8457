import { createApiTokenAction, revokeApiTokenAction } from '@/app/(panel)/me/tokens/actions';
import { createApiToken } from '@/lib/api-tokens/create-token';
import { adminCaller } from '../../helpers/callers';
import { MISSING_ID } from './support';
import { nobody, only, row } from './types';

// The API tokens page's actions: a token is always the caller's own. Admins may create one; a mailbox
// only while its "API access" is on (off in the world: refused). Only its owner may revoke a token.

const ENDPOINT = 'app/(panel)/me/tokens/actions.ts';

export const apiTokenRows = [
  row({
    endpoint: `${ENDPOINT}#createApiTokenAction`,
    target: 'a new token of the caller’s own',
    expect: only('owningAdmin', 'otherAdmin', 'superadmin'),
    denials: ['api.tokens.errors.apiAccessOff'],
    call: () => createApiTokenAction({ name: 'matrix', access: 'read', expiresInDays: '7' }),
  }),
  row<number>({
    endpoint: `${ENDPOINT}#revokeApiTokenAction`,
    target: "the owning admin's token",
    expect: only('owningAdmin'),
    prepare: async ({ world }) => {
      const created = await createApiToken({ caller: adminCaller(world.owningAdmin), ip: null, input: { name: 'theirs', access: 'read', expiresInDays: '7' } });
      if (!created.ok) throw new Error('no token');
      return created.data.id;
    },
    call: ({ prepared }) => revokeApiTokenAction(prepared),
  }),
  row({
    endpoint: `${ENDPOINT}#revokeApiTokenAction`,
    target: 'a token that does not exist',
    expect: nobody(),
    call: () => revokeApiTokenAction(MISSING_ID),
  }),
];
