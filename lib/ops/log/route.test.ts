import { describe, expect, it } from 'vitest';
import { routeOf } from './route';

describe('the route of a request log line', () => {
  it('drops the query string and the fragment (they may carry a token)', () => {
    expect(routeOf('/setup?token=AbC123secret')).toBe('/setup');
    expect(routeOf('/reset-password?token=x#y')).toBe('/reset-password');
    expect(routeOf(undefined)).toBe('/');
    expect(routeOf('/?a=1')).toBe('/');
  });

  it('replaces ids and token-like segments, so that lines group by route', () => {
    expect(routeOf('/domains/12/accounts/new/3f2504e0-4f89-11d3-9a0c-0305e82c3301/details')).toBe('/domains/:id/accounts/new/:id/details');
    expect(routeOf('/api/v1/accounts/42')).toBe('/api/v1/accounts/:id');
    expect(routeOf('/reset/kD93jf0a8Qmz71LpWx3Z_aa')).toBe('/reset/:token');
    expect(routeOf('/security/authentication-settings')).toBe('/security/authentication-settings');
    expect(routeOf(`/${'a1'.repeat(300)}`)).toBe('/:token');
    expect(routeOf(`/x/${'ab/'.repeat(200)}`).length).toBeLessThanOrEqual(201);
  });
});
