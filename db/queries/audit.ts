import 'server-only';
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { auditLog, domains } from '@/db/schema';

export async function listAuditRows({
  ex,
  visibleToAdminId,
  domain,
  actor,
  limit,
  offset,
}: {
  ex: Executor;
  /** null: everything (superadmin); else rows about that admin's domains, or done by that admin. */
  visibleToAdminId: number | null;
  domain: string | null;
  actor: string | null;
  limit: number;
  offset: number;
}) {
  const scope: SQL | undefined =
    visibleToAdminId === null
      ? undefined
      : or(
          inArray(auditLog.domainId, ex.select({ id: domains.id }).from(domains).where(eq(domains.adminId, visibleToAdminId))),
          eq(auditLog.actorAdminId, visibleToAdminId),
        );
  const where = and(scope, domain ? eq(auditLog.domainName, domain) : undefined, actor ? ilike(auditLog.actorLabel, actor) : undefined);
  const [rows, [total]] = await Promise.all([
    ex
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorLabel: auditLog.actorLabel,
        ip: sql<string | null>`host(${auditLog.ip})`,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetLabel: auditLog.targetLabel,
        domainName: auditLog.domainName,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit)
      .offset(offset),
    ex.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type NewAuditRow = typeof auditLog.$inferInsert;

/** Audit records, in one statement; call inside the transaction that makes the change. */
export async function insertAuditRows({ ex, rows }: { ex: Executor; rows: NewAuditRow[] }): Promise<void> {
  if (rows.length > 0) await ex.insert(auditLog).values(rows);
}
