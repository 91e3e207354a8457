import 'server-only';
import { getDb } from '@/db';
import { getDomainRow } from '@/db/queries/domains';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { notFound } from '@/lib/failure';
import { isRowId } from '@/lib/validations/common';

/** The domain with its plan, if the caller may see it; otherwise a notFound failure. */
export async function getDomain({ caller, id }: { caller: Caller; id: number }) {
  assertCan(caller, 'domains:read');
  const row = isRowId(id) ? await getDomainRow({ ex: getDb(), scope: domainScope(caller), id }) : undefined;
  if (!row) throw notFound();
  return row;
}
