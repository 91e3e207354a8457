import 'server-only';
import { and, desc, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { preparedFor } from '@/db/prepared';
import { admins, domains, mailboxes, sessions } from '@/db/schema';
import { adminPrincipalColumns, mailboxPrincipalColumns, mailboxPrincipalWhere } from './credentials';

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

/** What a request's session check needs: its secret's hash, the cutoffs at its time, and when to record its use. */
export type LiveSessionCheck = { secretHash: string; ip: string | null; now: Date; cutoffs: SessionCutoffs; touchBefore: Date };

/**
 * The live session with this secret and owner (one unique-index look-up), as two CTEs of the principal's
 * read, so a request checks its account and its session in one statement. Its last use (time and address)
 * is written only when the one recorded is older than `touchBefore`, so a busy session writes at most once
 * a minute; Postgres runs a data-modifying CTE whether or not the query reads it. Every value is a
 * placeholder (liveSessionValues): every signed-in request runs it, so it is built once (db/prepared.ts).
 */
function liveSessionCtes(ex: Executor, kind: SessionOwner['kind']) {
  const ownerColumn = kind === 'admin' ? sql`admin_id` : sql`mailbox_id`;
  const found = ex.$with('live_session', { id: sessions.id }).as(sql`
    select id from sessions
     where secret_hash = ${sql.placeholder('secretHash')} and ${ownerColumn} = ${sql.placeholder('id')}
       and last_seen_at > ${sql.placeholder('idleCutoff')}::timestamptz
       and created_at > ${sql.placeholder('absoluteCutoff')}::timestamptz`);
  const touched = ex.$with('touched_session', { id: sessions.id }).as(sql`
    update sessions set last_seen_at = ${sql.placeholder('now')}::timestamptz, ip = ${sql.placeholder('ip')}
     where id = (select id from live_session) and last_seen_at < ${sql.placeholder('touchBefore')}::timestamptz
    returning id`);
  return { found, touched };
}

function liveSessionValues(id: number, ip: string | null, check: LiveSessionCheck) {
  return {
    id,
    ip,
    secretHash: check.secretHash,
    idleCutoff: check.cutoffs.idleCutoff.toISOString(),
    absoluteCutoff: check.cutoffs.absoluteCutoff.toISOString(),
    now: check.now.toISOString(),
    touchBefore: check.touchBefore.toISOString(),
  };
}

function adminWithLiveSession(ex: Executor, name: string) {
  const { found, touched } = liveSessionCtes(ex, 'admin');
  return ex
    .with(found, touched)
    .select({ ...adminPrincipalColumns(sql.placeholder('ip')), sessionId: found.id })
    .from(admins)
    .leftJoin(found, sql`true`)
    .where(eq(admins.id, sql.placeholder('id')))
    .limit(1)
    .prepare(name);
}

function mailboxWithLiveSession(ex: Executor, name: string) {
  const { found, touched } = liveSessionCtes(ex, 'mailbox');
  return ex
    .with(found, touched)
    .select({ ...mailboxPrincipalColumns(sql.placeholder('ip')), sessionId: found.id })
    .from(mailboxes)
    .innerJoin(domains, eq(domains.id, mailboxes.domainId))
    .leftJoin(found, sql`true`)
    .where(mailboxPrincipalWhere(sql.placeholder('id')))
    .limit(1)
    .prepare(name);
}

/** findAdminPrincipal, with the id of the admin's live session with this secret (null when there is none). */
export async function findAdminWithLiveSession({ ex, id, ip, session }: { ex: Executor; id: number; ip: string | null; session: LiveSessionCheck }) {
  const [row] = await preparedFor(ex, 'admin_with_live_session', adminWithLiveSession).execute(liveSessionValues(id, ip, session));
  return row;
}

/** findMailboxPrincipal, with the id of the mailbox's live session with this secret (null when there is none). */
export async function findMailboxWithLiveSession({ ex, id, ip, session }: { ex: Executor; id: number; ip: string | null; session: LiveSessionCheck }) {
  const [row] = await preparedFor(ex, 'mailbox_with_live_session', mailboxWithLiveSession).execute(liveSessionValues(id, ip, session));
  return row;
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
