import { apiRoute } from '@/lib/api/handler';
import { listAuditOp } from '@/lib/api/operations/other';
import { listAudit } from '@/lib/audit/list-audit';

export const GET = apiRoute(listAuditOp, async ({ caller, query }) => {
  const { rows, total } = await listAudit({ caller, query });
  // The details column is a JSON object (written by lib/audit/write-audit.ts).
  return { rows: rows.map((row) => ({ ...row, details: row.details as Record<string, unknown> })), total, page: query.page, pageSize: query.pageSize };
});
