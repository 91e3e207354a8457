import { describe, it, expect } from 'vitest';
import { isActivePath, navItemsFor } from './nav-items';

const hrefs = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.href);

describe('navItemsFor', () => {
  it('gives the superadmin every section, Admins included', () => {
    expect(hrefs('superadmin')).toEqual(['/domains', '/accounts', '/aliases', '/postmasters', '/plans', '/admins', '/audit', '/jobs', '/me', '/api-docs']);
  });

  it('gives an admin the same sections without Admins', () => {
    expect(hrefs('admin')).toEqual(['/domains', '/accounts', '/aliases', '/postmasters', '/plans', '/audit', '/jobs', '/me', '/api-docs']);
  });

  it('gives Admins to the superadmin only', () => {
    for (const role of ['admin', 'postmaster', 'user'] as const) {
      expect(hrefs(role)).not.toContain('/admins');
    }
  });

  // Aliases need the domain's switch besides the role: a postmaster reaches them from its domain's page.
  it('gives a postmaster its domain, its accounts, its settings and the API reference', () => {
    expect(navItemsFor('postmaster')).toEqual([
      { href: '/domains', labelKey: 'shell.nav.myDomain' },
      { href: '/accounts', labelKey: 'shell.nav.accounts' },
      { href: '/me', labelKey: 'shell.nav.mySettings' },
      { href: '/api-docs', labelKey: 'api.docs.title' },
    ]);
  });

  it('gives a user only My settings', () => {
    expect(navItemsFor('user')).toEqual([{ href: '/me', labelKey: 'shell.nav.mySettings' }]);
  });

  it('keeps plans, postmasters and the audit log away from mailboxes', () => {
    for (const role of ['postmaster', 'user'] as const) {
      expect(hrefs(role)).not.toContain('/plans');
      expect(hrefs(role)).not.toContain('/postmasters');
      expect(hrefs(role)).not.toContain('/audit');
      expect(hrefs(role)).not.toContain('/jobs');
    }
  });

  it('returns copies, so callers cannot change the shared table', () => {
    const items = navItemsFor('user');
    items.push({ href: '/admins', labelKey: 'shell.nav.admins' });
    expect(hrefs('user')).toEqual(['/me']);
  });
});

describe('isActivePath', () => {
  it('matches the section and the pages under it, but not a longer name', () => {
    expect(isActivePath('/domains', '/domains')).toBe(true);
    expect(isActivePath('/domains/12/accounts', '/domains')).toBe(true);
    expect(isActivePath('/domainsx', '/domains')).toBe(false);
    expect(isActivePath('/me', '/domains')).toBe(false);
  });
});
