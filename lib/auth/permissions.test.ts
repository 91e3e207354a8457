import { describe, expect, it } from 'vitest';
import { assertCan, can, PERMISSIONS } from './permissions';

describe('permissions', () => {
  it('lets only the superadmin manage plans and admins', () => {
    expect(can({ role: 'superadmin' }, 'plans:write')).toBe(true);
    expect(can({ role: 'admin' }, 'plans:write')).toBe(false);
    expect(can({ role: 'admin' }, 'admins:write')).toBe(false);
    expect(can({ role: 'postmaster' }, 'admins:read')).toBe(false);
  });

  it('keeps users to their own settings', () => {
    const userActions = Object.entries(PERMISSIONS)
      .filter(([, roles]) => (roles as readonly string[]).includes('user'))
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
