import { forbidden } from '@/lib/failure';
import type { Caller, Role } from './caller';

// The one table of who may do what. Data-dependent limits (ownership, a postmaster's per-domain
// permissions, plan limits) are checked by the data-access layer on top of this.
export const PERMISSIONS = {
  'plans:read': ['superadmin', 'admin'],
  'plans:write': ['superadmin'],
  'admins:read': ['superadmin'],
  'admins:write': ['superadmin'],
  'domains:read': ['superadmin', 'admin', 'postmaster'],
  'domains:create': ['superadmin', 'admin'],
  'domains:update': ['superadmin', 'admin'],
  'domains:delete': ['superadmin', 'admin'],
  'postmasters:read': ['superadmin', 'admin'],
  'postmasters:update': ['superadmin', 'admin'],
  'accounts:read': ['superadmin', 'admin', 'postmaster'],
  'accounts:create': ['superadmin', 'admin', 'postmaster'],
  'accounts:update': ['superadmin', 'admin', 'postmaster'],
  'accounts:toggle': ['superadmin', 'admin', 'postmaster'],
  'accounts:delete': ['superadmin', 'admin', 'postmaster'],
  'audit:read': ['superadmin', 'admin'],
  // Mail-host jobs (lib/jobs): the open and failed ones of the caller's domains, and retrying a failed one.
  'jobs:read': ['superadmin', 'admin'],
  'jobs:retry': ['superadmin', 'admin'],
  'self:read': ['superadmin', 'admin', 'postmaster', 'user'],
  'self:update': ['superadmin', 'admin', 'postmaster', 'user'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(caller: Pick<Caller, 'role'> | null | undefined, action: Action): boolean {
  return caller != null && (PERMISSIONS[action] as readonly Role[]).includes(caller.role);
}

export function assertCan(caller: Pick<Caller, 'role'> | null | undefined, action: Action): asserts caller is Caller {
  if (!can(caller, action)) throw forbidden();
}
