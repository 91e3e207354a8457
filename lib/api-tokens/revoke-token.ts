import 'server-only';
import { getDb } from '@/db';
import { getMailboxTokenOwner, revokeApiTokenRow } from '@/db/queries/api-tokens';
import { ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/failure';
import { tokenOwner } from './owner';

/**
 * Revokes one of the caller's own tokens at once: the next request with it is refused. Someone else's
 * token, an unknown id and a token already revoked are all "not found".
 */
export async function revokeApiToken({ caller, ip, id, now = new Date() }: { caller: Caller; ip: string | null; id: number; now?: Date }): Promise<ActionResult<{ id: number }>> {
  assertCan(caller, 'self:update');
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return getDb().transaction(async (tx) => {
    const row = await revokeApiTokenRow({ ex: tx, owner: tokenOwner(caller), id, now });
    if (!row) throw notFound();
    const mailbox = caller.kind === 'mailbox' ? await getMailboxTokenOwner({ ex: tx, id: caller.id }) : undefined;
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'apiToken.revoke',
      targetType: 'apiToken',
      targetId: row.id,
      targetLabel: `${row.name} (${row.prefix}…)`,
      domain: mailbox ? { id: mailbox.domainId, name: mailbox.domainName } : null,
    });
    return ok({ id: row.id });
  });
}
