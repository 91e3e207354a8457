import { domainScopeOf, type DomainScope } from '@/db/scope';
import type { Caller, MailboxCaller } from './caller';

/**
 * The domains a caller may see, as a WHERE condition on `domains`. Every query touching a domain or
 * anything under it joins `domains` and adds this, so rows out of reach are simply "not found"; the
 * ids such a query returns are the only ones the writes accept (db/scope.ts).
 */
export function domainScope(caller: Caller): DomainScope {
  switch (caller.role) {
    case 'superadmin':
      return domainScopeOf({ all: true });
    case 'admin':
      return domainScopeOf({ adminId: caller.id });
    case 'postmaster':
      return domainScopeOf({ domainId: caller.domainId });
    default:
      return domainScopeOf({ none: true });
  }
}

/** A mailbox's own domain, whatever its role: for self-service on its own mailbox only. */
export function ownDomainScope(caller: MailboxCaller): DomainScope {
  return domainScopeOf({ domainId: caller.domainId });
}
