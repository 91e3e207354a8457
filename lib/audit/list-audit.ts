import 'server-only';
import { getDb } from '@/db';
import { listAuditRows } from '@/db/queries/audit';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { parseDomainName } from '@/lib/domains/domain-name';
import { likePattern, offsetOf } from '@/lib/pagination';

export type AuditQuery = { page: number; pageSize: number; domain: string; actor: string };

/** The audit log as the caller may see it: all of it for the superadmin, its own domains' and deeds for an admin. */
export async function listAudit({ caller, query }: { caller: Caller; query: AuditQuery }) {
  assertCan(caller, 'audit:read');
  const parsed = query.domain ? parseDomainName(query.domain) : null;
  const { rows, total } = await listAuditRows({
    ex: getDb(),
    visibleToAdminId: caller.role === 'superadmin' ? null : caller.id,
    domain: parsed?.ok ? parsed.ascii : query.domain || null,
    actor: query.actor ? likePattern(query.actor) : null,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  return { rows, total };
}
