import 'server-only';
import { getDb } from '@/db';
import { listDomainRows, type DomainSort } from '@/db/queries/domains';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { likePattern, offsetOf, type PageQuery } from '@/lib/pagination';
import { parseDomainName } from './domain-name';

export async function listDomains({ caller, query }: { caller: Caller; query: PageQuery<DomainSort> }) {
  assertCan(caller, 'domains:read');
  // A search typed in Unicode finds the punycode name too.
  const parsed = query.q ? parseDomainName(query.q) : null;
  const term = parsed?.ok ? parsed.ascii : query.q;
  const { rows, total } = await listDomainRows({
    ex: getDb(),
    scope: domainScope(caller),
    search: term ? likePattern(term) : null,
    sort: query.sort,
    dir: query.dir,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}
