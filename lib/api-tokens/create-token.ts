import 'server-only';
import { getDb } from '@/db';
import { countLiveApiTokens, getMailboxTokenOwner, insertApiToken, lockTokenOwner } from '@/db/queries/api-tokens';
import { fail, invalid, ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { forbidden, notFound, refused } from '@/lib/failure';
import { keyWith } from '@/lib/i18n/translate';
import { apiTokenExpiresAt, createApiTokenSchema, type ApiTokenAccess } from '@/lib/validations/api-token';
import { tokenOwner } from './owner';
import { generateApiToken } from './secret';

/** Live (unrevoked, unexpired) tokens per owner: enough for a few scripts, not a way round the rate limit. */
export const API_TOKEN_MAX = 10;

export type CreatedApiToken = { id: number; name: string; access: ApiTokenAccess; prefix: string; expiresAt: Date | null; token: string };

/**
 * A new personal access token for the caller: admins always, a mailbox only while its "API access" is
 * on, and at most API_TOKEN_MAX live ones. The secret is returned once, to be shown once; only its
 * SHA-256 is stored. Audited without it.
 */
export async function createApiToken({ caller, ip, input, now = new Date() }: { caller: Caller; ip: string | null; input: unknown; now?: Date }): Promise<ActionResult<CreatedApiToken>> {
  assertCan(caller, 'self:update');
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, access, expiresInDays } = parsed.data;
  const { token, tokenHash, prefix } = generateApiToken();
  const expiresAt = apiTokenExpiresAt(expiresInDays, now);

  return getDb().transaction(async (tx) => {
    let domain: { id: number; name: string } | null = null;
    if (caller.kind === 'mailbox') {
      const mailbox = await getMailboxTokenOwner({ ex: tx, id: caller.id });
      if (!mailbox) throw notFound();
      if (!mailbox.apiAccess) return fail(forbidden('api.tokens.errors.apiAccessOff'));
      domain = { id: mailbox.domainId, name: mailbox.domainName };
    }
    await lockTokenOwner({ ex: tx, owner: tokenOwner(caller) });
    if ((await countLiveApiTokens({ ex: tx, owner: tokenOwner(caller), now })) >= API_TOKEN_MAX) {
      return fail(refused(keyWith('api.tokens.errors.limit', { max: API_TOKEN_MAX })));
    }
    const row = await insertApiToken({ ex: tx, owner: tokenOwner(caller), name, access, tokenHash, prefix, expiresAt });
    if (!row) throw new Error('insert … returning gave no row');
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'apiToken.create',
      targetType: 'apiToken',
      targetId: row.id,
      targetLabel: `${row.name} (${row.prefix}…)`,
      domain,
      details: { access, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return ok({ id: row.id, name: row.name, access: row.access, prefix: row.prefix, expiresAt: row.expiresAt, token });
  });
}
