import 'server-only';
import { getDb } from '@/db';
import { listOpenJobs } from '@/db/queries/mail-jobs';
import type { Caller } from '@/lib/auth/caller';
import { assertCan } from '@/lib/auth/permissions';
import { domainScope } from '@/lib/auth/scope';
import { offsetOf } from '@/lib/pagination';

/**
 * Which jobs a caller sees: the superadmin all of them (also those of deleted domains, which belong to no
 * admin any more); an admin those of its own domains. Undefined: no restriction.
 */
export function jobScope(caller: Caller): ReturnType<typeof domainScope> | undefined {
  return caller.role === 'superadmin' ? undefined : domainScope(caller);
}

/** The open jobs (pending, running, failed) of the caller's domains, failed first; a forbidden failure for others. */
export async function listJobs({ caller, page, pageSize }: { caller: Caller; page: number; pageSize: number }) {
  assertCan(caller, 'jobs:read');
  const { rows, total } = await listOpenJobs({ ex: getDb(), scope: jobScope(caller), limit: pageSize, offset: offsetOf({ page, pageSize }) });
  return { rows, total, page, pageSize };
}
