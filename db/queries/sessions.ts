import 'server-only';
import { and, desc, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { domains, mailboxes, sessions } from '@/db/schema';

// Panel sessions (db/schema/sessions.ts). Every read and write names the owner in its WHERE: a session
// of someone else is simply not there.

export type SessionOwner = { kind: 'admin' | 'mailbox'; id: number };
/** A session is live while it was seen after `idleCutoff` and created after `absoluteCutoff`. */
export type SessionCutoffs = { idleCutoff: Date; absoluteCutoff: Date };

function ownedBy(owner: SessionOwner) {
  return owner.kind === 'admin' ? eq(sessions.adminId, owner.id) : eq(sessions.mailboxId, owner.id);
}

function live({ idleCutoff, absoluteCutoff }: SessionCutoffs) {
  return and(gt(sessions.lastSeenAt, idleCutoff), gt(sessions.createdAt, absoluteCutoff));
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function insertSession({
  ex,
  owner,
  secretHash,
  ip,
  userAgent,
  now,
}: {
  ex: Executor;
  owner: SessionOwner;
  secretHash: string;
  ip: string | null;
  userAgent: string;
  now: Date;
}): Promise<{ id: number }> {
  const [row] = await ex
    .insert(sessions)
    .values({
      secretHash,
      adminId: owner.kind === 'admin' ? owner.id : null,
      mailboxId: owner.kind === 'mailbox' ? owner.id : null,
      createdAt: now,
      lastSeenAt: now,
      ip,
      userAgent,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('insert into sessions returned no row');
  return row;
}

/** The owner's sessions that are no longer live (kept from growing: called at each sign-in). */
export async function deleteDeadSessions({ ex, owner, cutoffs }: { ex: Executor; owner: SessionOwner; cutoffs: SessionCutoffs }): Promise<void> {
  await ex
    .delete(sessions)
    .where(and(ownedBy(owner), or(sql`${sessions.lastSeenAt} <= ${cutoffs.idleCutoff.toISOString()}::timestamptz`, sql`${sessions.createdAt} <= ${cutoffs.absoluteCutoff.toISOString()}::timestamptz`)));
}

/**
 * The live session with this secret and owner, in one statement (one unique-index look-up): its id, or
 * undefined. Its last use (time and address) is written only when the one recorded is older than
 * `touchBefore`, so a busy session writes at most once a minute.
 */
export async function touchLiveSession({
  ex,
  owner,
  secretHash,
  ip,
  now,
  cutoffs,
  touchBefore,
}: {
  ex: Executor;
  owner: SessionOwner;
  secretHash: string;
  ip: string | null;
  now: Date;
  cutoffs: SessionCutoffs;
  touchBefore: Date;
}): Promise<number | undefined> {
  const ownerColumn = owner.kind === 'admin' ? sql`admin_id` : sql`mailbox_id`;
  const result = await ex.execute(sql`
    with found as (
      select id, last_seen_at from sessions
       where secret_hash = ${secretHash} and ${ownerColumn} = ${owner.id}
         and last_seen_at > ${cutoffs.idleCutoff.toISOString()}::timestamptz
         and created_at > ${cutoffs.absoluteCutoff.toISOString()}::timestamptz
    ), touched as (
      update sessions set last_seen_at = ${now.toISOString()}::timestamptz, ip = ${ip}
       where id = (select id from found) and last_seen_at < ${touchBefore.toISOString()}::timestamptz
      returning id
    )
    select id from found`);
  const [row] = rowsOf<{ id: number | string }>(result);
  return row ? Number(row.id) : undefined;
}

/** Sign-out: the session with this secret, whoever's it is (the secret itself is the proof). */
export async function deleteSessionBySecret({ ex, secretHash }: { ex: Executor; secretHash: string }): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.secretHash, secretHash));
}

/** The owner's live sessions, the most recently seen first. */
export async function listLiveSessions({ ex, owner, cutoffs }: { ex: Executor; owner: SessionOwner; cutoffs: SessionCutoffs }) {
  return ex
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(ownedBy(owner), live(cutoffs)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
}

/** Ends one of the owner's live sessions; undefined when the owner has no such session. */
export async function deleteOwnSession({ ex, owner, id, cutoffs }: { ex: Executor; owner: SessionOwner; id: number; cutoffs: SessionCutoffs }) {
  const [row] = await ex
    .delete(sessions)
    .where(and(eq(sessions.id, id), ownedBy(owner), live(cutoffs)))
    .returning({ id: sessions.id, ip: sessions.ip, userAgent: sessions.userAgent });
  return row;
}

/** Ends every session of the owner but `keepId` (the caller's own); returns how many ended. */
export async function deleteOtherSessions({ ex, owner, keepId }: { ex: Executor; owner: SessionOwner; keepId: number | null }): Promise<number> {
  const rows = await ex
    .delete(sessions)
    .where(keepId === null ? ownedBy(owner) : and(ownedBy(owner), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** A mailbox's domain, for the audit log of its session changes. */
export async function findMailboxDomain({ ex, id }: { ex: Executor; id: number }) {
  const [row] = await ex.select({ id: domains.id, name: domains.name }).from(mailboxes).innerJoin(domains, eq(domains.id, mailboxes.domainId)).where(eq(mailboxes.id, id)).limit(1);
  return row;
}
