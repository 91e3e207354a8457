import { eq, sql, type SQL } from 'drizzle-orm';
import { domains } from '@/db/schema';
import type { Caller } from './caller';

/**
 * The domains a caller may see, as a WHERE condition on `domains`. Every query touching a domain or
 * anything under it joins `domains` and adds this, so rows out of reach are simply "not found".
 */
export function domainScope(caller: Caller): SQL {
  switch (caller.role) {
    case 'superadmin':
      return sql`true`;
    case 'admin':
      return eq(domains.adminId, caller.id);
    case 'postmaster':
      return eq(domains.id, caller.domainId);
    default:
      return sql`false`;
  }
}
