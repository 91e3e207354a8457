import 'server-only';
import { getDb } from '@/db';
import { getDnsCheck } from '@/db/queries/dns-checks';
import { getDomainRow } from '@/db/queries/domains';
import type { RecordCheck } from '@/lib/dns/compare';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

/** The domain with its plan and its last DNS check, if the caller may see it; otherwise a notFound failure. */
export async function getDomain({ caller, id }: { caller: Caller; id: number }) {
  assertCan(caller, 'domains:read');
  const row = isRowId(id) ? await getDomainRow({ ex: getDb(), scope: domainScope(caller), id }) : undefined;
  if (!row) throw notFound();
  const check = await getDnsCheck({ ex: getDb(), domainId: row.domain.id });
  return { ...row, dnsCheck: check ? { status: check.status, checkedAt: check.checkedAt, results: check.results as RecordCheck[] } : null };
}
