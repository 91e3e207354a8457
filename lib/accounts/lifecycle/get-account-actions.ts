import 'server-only';
import { getDb } from '@/db';
import type { Caller } from '@/lib/auth/caller';
import { assertCan, canOnDomain } from '@/lib/auth/permissions';
import { loadAccount } from './access';

export type AccountActions = { canToggle: boolean; canDelete: boolean };

/**
 * Which of the lifecycle actions the caller may use on one account (for the page to offer only those);
 * A notFound failure when the account is out of the caller's reach. The actions check all of it again.
 */
export async function getAccountActions({ caller, id }: { caller: Caller; id: number }): Promise<AccountActions> {
  assertCan(caller, 'accounts:read');
  const row = await loadAccount({ ex: getDb(), caller, id });
  return { canToggle: canOnDomain(caller, 'accounts:toggle', row.domain), canDelete: canOnDomain(caller, 'accounts:delete', row.domain) };
}
