import 'server-only';
import { getDb } from '@/db';
import { getMailboxTokenOwner, listApiTokenRows } from '@/db/queries/api-tokens';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import type { ApiTokenAccess } from '@/lib/validations/api-token';
import { tokenOwner } from './owner';

export type ApiTokenState = 'active' | 'expired' | 'revoked';

export type ApiTokenListRow = {
  id: number;
  name: string;
  access: ApiTokenAccess;
  prefix: string;
  state: ApiTokenState;
  expiresAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
};

export type ApiTokenList = {
  /** Whether the caller's tokens are accepted at all: admins always; a mailbox while its "API access" is on. */
  apiAccess: boolean;
  tokens: ApiTokenListRow[];
};

/** The caller's own tokens, newest first. */
export async function listApiTokens({ caller, now = new Date() }: { caller: Caller; now?: Date }): Promise<ApiTokenList> {
  assertCan(caller, 'self:read');
  const db = getDb();
  const [rows, mailbox] = await Promise.all([
    listApiTokenRows({ ex: db, owner: tokenOwner(caller) }),
    caller.kind === 'mailbox' ? getMailboxTokenOwner({ ex: db, id: caller.id }) : Promise.resolve(null),
  ]);
  return {
    apiAccess: caller.kind === 'admin' || mailbox?.apiAccess === true,
    tokens: rows.map((row) => ({
      ...row,
      state: row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active',
    })),
  };
}
