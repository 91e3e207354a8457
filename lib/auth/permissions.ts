import { forbidden } from '@/lib/failure';
import type { Caller, Role } from './caller';

/** The switches a domain's admin sets for the domain's postmaster (columns of `domains`). */
export type PostmasterFlag = 'pmCanCreate' | 'pmCanDelete' | 'pmCanToggle' | 'pmCanChangeLimits' | 'pmCanManageAliases';

type Rule = {
  roles: readonly Role[];
  /** A postmaster may do it only on a domain where this switch is on (see canOnDomain). */
  postmasterFlag?: PostmasterFlag;
};

// The one table of who may do what: the roles, and for a postmaster the domain's switch that must be
// on as well. Pages, actions, routes and the navigation name an action from here; ownership (which
// domains a caller reaches) is the data-access layer's WHERE (lib/auth/scope.ts), plan limits its checks.
export const PERMISSIONS = {
  'plans:read': { roles: ['superadmin', 'admin'] },
  'plans:write': { roles: ['superadmin'] },
  'admins:read': { roles: ['superadmin'] },
  'admins:write': { roles: ['superadmin'] },
  'domains:read': { roles: ['superadmin', 'admin', 'postmaster'] },
  'domains:create': { roles: ['superadmin', 'admin'] },
  'domains:update': { roles: ['superadmin', 'admin'] },
  'domains:delete': { roles: ['superadmin', 'admin'] },
  'postmasters:read': { roles: ['superadmin', 'admin'] },
  'postmasters:update': { roles: ['superadmin', 'admin'] },
  'accounts:read': { roles: ['superadmin', 'admin', 'postmaster'] },
  'accounts:create': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanCreate' },
  'accounts:update': { roles: ['superadmin', 'admin', 'postmaster'] },
  // An account's storage and daily sending limit (part of accounts:update).
  'accounts:limits': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanChangeLimits' },
  'accounts:toggle': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanToggle' },
  'accounts:delete': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanDelete' },
  // Aliases (issue 17): a postmaster only where the domain lets it manage them ("may manage aliases").
  'aliases:read': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanManageAliases' },
  'aliases:create': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanManageAliases' },
  'aliases:update': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanManageAliases' },
  'aliases:delete': { roles: ['superadmin', 'admin', 'postmaster'], postmasterFlag: 'pmCanManageAliases' },
  'audit:read': { roles: ['superadmin', 'admin'] },
  // Mail-host jobs (lib/jobs): the open and failed ones of the caller's domains, and retrying a failed one.
  'jobs:read': { roles: ['superadmin', 'admin'] },
  'jobs:retry': { roles: ['superadmin', 'admin'] },
  'self:read': { roles: ['superadmin', 'admin', 'postmaster', 'user'] },
  'self:update': { roles: ['superadmin', 'admin', 'postmaster', 'user'] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

/** The roles the table grants `action` to. */
export type RoleFor<A extends Action> = (typeof PERMISSIONS)[A]['roles'][number];

/** The domain switch `action` needs of a postmaster (never for actions without one). */
export type FlagFor<A extends Action> = (typeof PERMISSIONS)[A] extends { postmasterFlag: infer F extends PostmasterFlag } ? F : never;

/** Whether the caller's role may do `action` at all (on some domain, for actions with a postmaster switch). */
export function can(caller: Pick<Caller, 'role'> | null | undefined, action: Action): boolean {
  return caller != null && (PERMISSIONS[action].roles as readonly Role[]).includes(caller.role);
}

export function assertCan(caller: Pick<Caller, 'role'> | null | undefined, action: Action): asserts caller is Caller {
  if (!can(caller, action)) throw forbidden();
}

/**
 * Whether the caller may do `action` on this domain: its role may, and for a postmaster the domain's
 * switch for it is on. The domain must already be one the caller reaches (read under its scope).
 */
export function canOnDomain<A extends Action>(
  caller: Pick<Caller, 'role'> | null | undefined,
  action: A,
  domain: Readonly<Record<FlagFor<A>, boolean>>,
): boolean {
  if (caller == null || !can(caller, action)) return false;
  const flag: PostmasterFlag | undefined = (PERMISSIONS[action] as Rule).postmasterFlag;
  return caller.role !== 'postmaster' || flag === undefined || (domain as Partial<Record<PostmasterFlag, boolean>>)[flag] === true;
}
