import 'server-only';
import { getDb } from '@/db';
import { listPostmasterRows, type PostmasterSort } from '@/db/queries/postmasters';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { parseDomainName } from '@/lib/domains/domain-name';
import { likePattern, offsetOf, type PageQuery } from '@/lib/pagination';

export async function listPostmasters({ caller, query }: { caller: Caller; query: PageQuery<PostmasterSort> }) {
  assertCan(caller, 'postmasters:read');
  const domainPart = query.q.includes('@') ? query.q.slice(query.q.lastIndexOf('@') + 1) : query.q;
  const parsed = domainPart ? parseDomainName(domainPart) : null;
  const term = parsed?.ok && domainPart !== parsed.ascii ? query.q.replace(domainPart, parsed.ascii) : query.q;
  const { rows, total } = await listPostmasterRows({
    ex: getDb(),
    scope: domainScope(caller),
    search: term ? likePattern(term.toLowerCase()) : null,
    sort: query.sort,
    dir: query.dir,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}
