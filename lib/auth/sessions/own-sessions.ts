import 'server-only';
import { getDb, type Executor } from '@/db';
import { deleteOtherSessions, deleteOwnSession, findMailboxDomain, listLiveSessions } from '@/db/queries/sessions';
import { ok, type ActionResult } from '@/lib/action-result';
import { writeAudit } from '@/lib/audit/write-audit';
import { notFound } from '@/lib/failure';
import type { Caller, PrincipalRef } from '../caller';
import { assertCan } from '../permissions';
import { summariseUserAgent, type Device } from './device';
import { cutoffsAt } from './policy';

// "My settings", Sessions: the caller's own live panel sessions, and ending them. A session is always the
// caller's own (the owner comes from the caller, never from the request): anyone else's is "not found".

export type OwnSession = Device & { id: number; current: boolean; ip: string | null; createdAt: Date; lastSeenAt: Date };

function ownerOf(caller: Caller): PrincipalRef {
  return { kind: caller.kind, id: caller.id };
}

async function domainOf(caller: Caller, ex: Executor) {
  return caller.kind === 'mailbox' ? ((await findMailboxDomain({ ex, id: caller.id })) ?? null) : null;
}

export async function listOwnSessions({ caller, now = new Date() }: { caller: Caller; now?: Date }): Promise<OwnSession[]> {
  assertCan(caller, 'self:read');
  const rows = await listLiveSessions({ ex: getDb(), owner: ownerOf(caller), cutoffs: cutoffsAt(now) });
  return rows.map(({ userAgent, ...row }) => ({ ...row, ...summariseUserAgent(userAgent), current: row.id === caller.sessionId }));
}

/** Signs one of the caller's sessions out: its next request is signed out. */
export async function endOwnSession({ caller, ip, id, now = new Date() }: { caller: Caller; ip: string | null; id: number; now?: Date }): Promise<ActionResult<{ id: number }>> {
  assertCan(caller, 'self:update');
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return getDb().transaction(async (tx) => {
    const row = await deleteOwnSession({ ex: tx, owner: ownerOf(caller), id, cutoffs: cutoffsAt(now) });
    if (!row) throw notFound();
    const device = summariseUserAgent(row.userAgent);
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'session.end',
      targetType: 'session',
      targetId: row.id,
      targetLabel: caller.label,
      domain: await domainOf(caller, tx),
      details: { ip: row.ip, ...device },
    });
    return ok({ id: row.id });
  });
}

/** Signs out every session of the caller but the one it asks from. */
export async function endOtherOwnSessions({ caller, ip }: { caller: Caller; ip: string | null }): Promise<ActionResult<{ ended: number }>> {
  assertCan(caller, 'self:update');
  return getDb().transaction(async (tx) => {
    const ended = await deleteOtherSessions({ ex: tx, owner: ownerOf(caller), keepId: caller.sessionId ?? null });
    await writeAudit(tx, {
      actor: caller,
      ip,
      action: 'session.endOthers',
      targetType: caller.kind,
      targetId: caller.id,
      targetLabel: caller.label,
      domain: await domainOf(caller, tx),
      details: { ended },
    });
    return ok({ ended });
  });
}
