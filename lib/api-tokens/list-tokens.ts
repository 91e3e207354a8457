import 'server-only';
import { getDb } from '@/db';
import { getMailboxTokenOwner, listApiTokenRows } from '@/db/queries/api-tokens';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { tokenOwner } from './owner';

export type ApiTokenState = 'active' | 'expired' | 'revoked';

/** A token as the list shows it: its row (never the secret, only its prefix) and its state now. */
export type ApiTokenListRow = Awaited<ReturnType<typeof listApiTokenRows>>[number] & { state: ApiTokenState };

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
