import 'server-only';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { preparedFor } from '@/db/prepared';
import { admins, apiOwnerRate, apiTokens, domains, mailboxes } from '@/db/schema';

export type TokenOwner = { kind: 'admin' | 'mailbox'; id: number };
export type TokenAccess = (typeof apiTokens.$inferSelect)['access'];

function ownedBy(owner: TokenOwner) {
  return owner.kind === 'admin' ? eq(apiTokens.adminId, owner.id) : eq(apiTokens.mailboxId, owner.id);
}

export async function insertApiToken({
  ex,
  owner,
  name,
  access,
  tokenHash,
  prefix,
  expiresAt,
}: {
  ex: Executor;
  owner: TokenOwner;
  name: string;
  access: TokenAccess;
  tokenHash: string;
  prefix: string;
  expiresAt: Date | null;
}) {
  const [row] = await ex
    .insert(apiTokens)
    .values({
      adminId: owner.kind === 'admin' ? owner.id : null,
      mailboxId: owner.kind === 'mailbox' ? owner.id : null,
      name,
      access,
      tokenHash,
      prefix,
      expiresAt,
    })
    .returning({ id: apiTokens.id, name: apiTokens.name, access: apiTokens.access, prefix: apiTokens.prefix, expiresAt: apiTokens.expiresAt, createdAt: apiTokens.createdAt });
  return row;
}

/** The owner's tokens, newest first, revoked ones included (the list shows them as revoked). */
export async function listApiTokenRows({ ex, owner }: { ex: Executor; owner: TokenOwner }) {
  return ex
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      access: apiTokens.access,
      prefix: apiTokens.prefix,
      expiresAt: apiTokens.expiresAt,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      lastUsedIp: apiTokens.lastUsedIp,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(ownedBy(owner))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the owner's tokens that is not revoked yet; undefined when there is none. */
export async function revokeApiTokenRow({ ex, owner, id, now }: { ex: Executor; owner: TokenOwner; id: number; now: Date }) {
  const [row] = await ex
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), ownedBy(owner), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
  return row;
}

/**
 * Counts one request against a live token (not revoked, not expired) and records it as the token's last
 * use, in one statement: parallel requests on several app servers each see their own count. A window
 * older than `windowSeconds` starts again at 1. Undefined when no live token has this hash.
 */
export async function countApiTokenUse({
  ex,
  tokenHash,
  ip,
  now,
  windowSeconds,
}: {
  ex: Executor;
  tokenHash: string;
  ip: string | null;
  now: Date;
  windowSeconds: number;
}) {
  const [row] = await preparedFor(ex, 'count_api_token_use', tokenUseCount).execute({ tokenHash, ip, now: now.toISOString(), windowSeconds });
  return row;
}

// Every API request runs it: built once (db/prepared.ts), its values as placeholders.
function tokenUseCount(ex: Executor, name: string) {
  const NOW = sql`${sql.placeholder('now')}::timestamptz`;
  const expired = sql`(${apiTokens.rateWindowStartedAt} is null or ${apiTokens.rateWindowStartedAt} <= ${NOW} - make_interval(secs => ${sql.placeholder('windowSeconds')}))`;
  return ex
    .update(apiTokens)
    .set({
      rateCount: sql`case when ${expired} then 1 else ${apiTokens.rateCount} + 1 end`,
      rateWindowStartedAt: sql`case when ${expired} then ${NOW} else ${apiTokens.rateWindowStartedAt} end`,
      lastUsedAt: NOW,
      lastUsedIp: sql`${sql.placeholder('ip')}`,
    })
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt), sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > ${NOW})`))
    .returning({
      id: apiTokens.id,
      adminId: apiTokens.adminId,
      mailboxId: apiTokens.mailboxId,
      access: apiTokens.access,
      rateCount: apiTokens.rateCount,
      rateWindowStartedAt: apiTokens.rateWindowStartedAt,
    })
    .prepare(name);
}

/** What creating a token for a mailbox needs to know: whether its API access is on, and its domain (for the audit log). */
export async function getMailboxTokenOwner({ ex, id }: { ex: Executor; id: number }) {
  const [row] = await ex
    .select({ apiAccess: mailboxes.apiAccess, domainId: domains.id, domainName: domains.name })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .where(eq(mailboxes.id, id))
    .limit(1);
  return row;
}

/**
 * Holds the owner's row until the transaction ends, so two tokens created at once are counted one after
 * the other against the cap.
 */
export async function lockTokenOwner({ ex, owner }: { ex: Executor; owner: TokenOwner }): Promise<void> {
  if (owner.kind === 'admin') await ex.select({ id: admins.id }).from(admins).where(eq(admins.id, owner.id)).for('no key update');
  else await ex.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, owner.id)).for('no key update');
}

/** The owner's live tokens: not revoked, not expired. */
export async function countLiveApiTokens({ ex, owner, now }: { ex: Executor; owner: TokenOwner; now: Date }): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(apiTokens)
    .where(and(ownedBy(owner), isNull(apiTokens.revokedAt), sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > ${now.toISOString()}::timestamptz)`));
  return Number(row?.n ?? 0);
}

/**
 * Counts one request against the owner's window (all its tokens together), in one statement like the
 * token's own; a window older than `windowSeconds` starts again at 1.
 */
export async function countApiOwnerUse({ ex, principal, now, windowSeconds }: { ex: Executor; principal: string; now: Date; windowSeconds: number }) {
  const [row] = await preparedFor(ex, 'count_api_owner_use', ownerUseCount).execute({ principal, now: now.toISOString(), windowSeconds });
  if (!row) throw new Error('upsert into api_owner_rate returned no row');
  return row;
}

function ownerUseCount(ex: Executor, name: string) {
  const NOW = sql`${sql.placeholder('now')}::timestamptz`;
  const expired = sql`(${apiOwnerRate.windowStartedAt} <= ${NOW} - make_interval(secs => ${sql.placeholder('windowSeconds')}))`;
  return ex
    .insert(apiOwnerRate)
    .values({ principal: sql`${sql.placeholder('principal')}`, windowStartedAt: NOW, count: 1 })
    .onConflictDoUpdate({
      target: apiOwnerRate.principal,
      set: {
        count: sql`case when ${expired} then 1 else ${apiOwnerRate.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${NOW} else ${apiOwnerRate.windowStartedAt} end`,
      },
    })
    .returning({ count: apiOwnerRate.count, windowStartedAt: apiOwnerRate.windowStartedAt })
    .prepare(name);
}
