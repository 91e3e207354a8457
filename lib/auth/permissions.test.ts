import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './caller';
import { assertCan, can, canOnDomain, PERMISSIONS, type Action, type PostmasterFlag } from './permissions';

describe('permissions', () => {
  it('lets only the superadmin manage plans and admins', () => {
    expect(can({ role: 'superadmin' }, 'plans:write')).toBe(true);
    expect(can({ role: 'admin' }, 'plans:write')).toBe(false);
    expect(can({ role: 'admin' }, 'admins:write')).toBe(false);
    expect(can({ role: 'postmaster' }, 'admins:read')).toBe(false);
  });

  it('keeps users to their own settings', () => {
    const userActions = Object.entries(PERMISSIONS)
      .filter(([, rule]) => (rule.roles as readonly string[]).includes('user'))
      .map(([action]) => action);
    expect(userActions.sort()).toEqual(['self:read', 'self:update']);
  });

  it('refuses an anonymous caller with a forbidden failure', () => {
    expect(can(null, 'self:read')).toBe(false);
    expect(() => assertCan(null, 'self:read')).toThrow(expect.objectContaining({ name: 'Failure', code: 'forbidden' }));
    expect(() => assertCan({ role: 'user' }, 'domains:read')).toThrow(expect.objectContaining({ name: 'Failure', code: 'forbidden' }));
    expect(() => assertCan({ role: 'postmaster' }, 'accounts:create')).not.toThrow();
  });
});

// What each role gets, written out apart from the table: yes, no, or (postmaster) only where the
// domain's switch is on. Columns: superadmin, admin, postmaster, user.
type Grant = 'yes' | 'no' | PostmasterFlag;
const EXPECTED: Record<Action, [Grant, Grant, Grant, Grant]> = {
  'plans:read': ['yes', 'yes', 'no', 'no'],
  'plans:write': ['yes', 'no', 'no', 'no'],
  'admins:read': ['yes', 'no', 'no', 'no'],
  'admins:write': ['yes', 'no', 'no', 'no'],
  'domains:read': ['yes', 'yes', 'yes', 'no'],
  'domains:create': ['yes', 'yes', 'no', 'no'],
  'domains:update': ['yes', 'yes', 'no', 'no'],
  'domains:delete': ['yes', 'yes', 'no', 'no'],
  'postmasters:read': ['yes', 'yes', 'no', 'no'],
  'postmasters:update': ['yes', 'yes', 'no', 'no'],
  'accounts:read': ['yes', 'yes', 'yes', 'no'],
  'accounts:create': ['yes', 'yes', 'pmCanCreate', 'no'],
  'accounts:update': ['yes', 'yes', 'yes', 'no'],
  'accounts:limits': ['yes', 'yes', 'pmCanChangeLimits', 'no'],
  'accounts:toggle': ['yes', 'yes', 'pmCanToggle', 'no'],
  'accounts:delete': ['yes', 'yes', 'pmCanDelete', 'no'],
  'aliases:read': ['yes', 'yes', 'pmCanManageAliases', 'no'],
  'aliases:create': ['yes', 'yes', 'pmCanManageAliases', 'no'],
  'aliases:update': ['yes', 'yes', 'pmCanManageAliases', 'no'],
  'aliases:delete': ['yes', 'yes', 'pmCanManageAliases', 'no'],
  'audit:read': ['yes', 'yes', 'no', 'no'],
  'jobs:read': ['yes', 'yes', 'no', 'no'],
  'jobs:retry': ['yes', 'yes', 'no', 'no'],
  'self:read': ['yes', 'yes', 'yes', 'yes'],
  'self:update': ['yes', 'yes', 'yes', 'yes'],
};

const FLAGS: PostmasterFlag[] = ['pmCanCreate', 'pmCanDelete', 'pmCanToggle', 'pmCanChangeLimits', 'pmCanManageAliases'];
/** Every combination of the five switches (32 domains). */
const DOMAINS = Array.from({ length: 1 << FLAGS.length }, (_, bits) =>
  Object.fromEntries(FLAGS.map((flag, i) => [flag, (bits & (1 << i)) !== 0])) as Record<PostmasterFlag, boolean>,
);

describe('canOnDomain', () => {
  it('covers exactly the actions of the table', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = (Object.keys(EXPECTED) as Action[]).flatMap((action) => ROLES.map((role, i) => ({ action, role, grant: EXPECTED[action][i]! })));

  it.each(cases)('$role × $action: $grant', ({ action, role, grant }: { action: Action; role: Role; grant: Grant }) => {
    for (const domain of DOMAINS) {
      const expected = grant === 'yes' || (grant !== 'no' && domain[grant]);
      expect(canOnDomain({ role }, action, domain), JSON.stringify(domain)).toBe(expected);
    }
    // The role-level answer: whether the role may do it on some domain.
    expect(can({ role }, action)).toBe(grant !== 'no');
  });

  it('refuses a missing caller everything, whatever the switches', () => {
    for (const action of Object.keys(EXPECTED) as Action[]) {
      for (const domain of DOMAINS) expect(canOnDomain(null, action, domain)).toBe(false);
    }
  });

  it('reads only the switch the action names: the others do not grant it', () => {
    const allOnBut = (flag: PostmasterFlag) => ({ ...Object.fromEntries(FLAGS.map((f) => [f, true])), [flag]: false }) as Record<PostmasterFlag, boolean>;
    expect(canOnDomain({ role: 'postmaster' }, 'accounts:delete', allOnBut('pmCanDelete'))).toBe(false);
    expect(canOnDomain({ role: 'postmaster' }, 'accounts:toggle', allOnBut('pmCanToggle'))).toBe(false);
    expect(canOnDomain({ role: 'postmaster' }, 'accounts:create', allOnBut('pmCanCreate'))).toBe(false);
    expect(canOnDomain({ role: 'postmaster' }, 'accounts:limits', allOnBut('pmCanChangeLimits'))).toBe(false);
  });
});
