import type { Role } from '@/lib/auth/caller';
import { can, PERMISSIONS, type Action } from '@/lib/auth/permissions';
import type { MessageKey } from '@/lib/i18n/translate';

export type NavItem = { href: string; labelKey: MessageKey };

type NavEntry = NavItem & {
  /** The permission (lib/auth/permissions.ts) that shows the item: the roles come from the table. */
  permission: Action;
  /** The label for a postmaster, whose domain list holds its own domain only. */
  ownDomainLabelKey?: MessageKey;
};

// In the order shown. A role sees an item when the table grants it the item's permission.
const ENTRIES: readonly NavEntry[] = [
  { href: '/domains', labelKey: 'shell.nav.domains', ownDomainLabelKey: 'shell.nav.myDomain', permission: 'domains:read' },
  { href: '/accounts', labelKey: 'shell.nav.accounts', permission: 'accounts:read' },
  { href: '/aliases', labelKey: 'shell.nav.aliases', permission: 'aliases:read' },
  { href: '/postmasters', labelKey: 'shell.nav.postmasters', permission: 'postmasters:read' },
  { href: '/plans', labelKey: 'shell.nav.plans', permission: 'plans:read' },
  { href: '/admins', labelKey: 'shell.nav.admins', permission: 'admins:read' },
  { href: '/audit', labelKey: 'shell.nav.audit', permission: 'audit:read' },
  { href: '/jobs', labelKey: 'jobs.nav', permission: 'jobs:read' },
  { href: '/me', labelKey: 'shell.nav.mySettings', permission: 'self:read' },
  // Open to every signed-in caller (its tokens page links it); listed for those who manage domains.
  { href: '/api-docs', labelKey: 'api.docs.title', permission: 'domains:read' },
];

/**
 * A permission a postmaster has only where its domain's switch is on (aliases): the navigation knows the
 * role, not the domain, so such a section is reached from the postmaster's domain page instead.
 */
const needsDomainSwitch = (role: Role, action: Action) => role === 'postmaster' && 'postmasterFlag' in PERMISSIONS[action];

export function navItemsFor(role: Role): NavItem[] {
  return ENTRIES.filter((entry) => can({ role }, entry.permission) && !needsDomainSwitch(role, entry.permission)).map((entry) => ({
    href: entry.href,
    labelKey: role === 'postmaster' && entry.ownDomainLabelKey ? entry.ownDomainLabelKey : entry.labelKey,
  }));
}

export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
