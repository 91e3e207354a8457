import type { Role } from '@/lib/auth/caller';
import type { MessageKey } from '@/lib/i18n/translate';

export type NavItem = { href: string; labelKey: MessageKey };

const adminItems: NavItem[] = [
  { href: '/domains', labelKey: 'shell.nav.domains' },
  { href: '/accounts', labelKey: 'shell.nav.accounts' },
  { href: '/postmasters', labelKey: 'shell.nav.postmasters' },
  { href: '/plans', labelKey: 'shell.nav.plans' },
];

const auditItem: NavItem = { href: '/audit', labelKey: 'shell.nav.audit' };
const jobsItem: NavItem = { href: '/jobs', labelKey: 'jobs.nav' };
const mySettingsItem: NavItem = { href: '/me', labelKey: 'shell.nav.mySettings' };
const apiItem: NavItem = { href: '/api-docs', labelKey: 'api.docs.title' };

const itemsByRole: Record<Role, readonly NavItem[]> = {
  superadmin: [...adminItems, { href: '/admins', labelKey: 'shell.nav.admins' }, auditItem, jobsItem, mySettingsItem, apiItem],
  admin: [...adminItems, auditItem, jobsItem, mySettingsItem, apiItem],
  postmaster: [
    { href: '/domains', labelKey: 'shell.nav.myDomain' },
    { href: '/accounts', labelKey: 'shell.nav.accounts' },
    mySettingsItem,
    apiItem,
  ],
  user: [mySettingsItem],
};

export function navItemsFor(role: Role): NavItem[] {
  return itemsByRole[role].map((item) => ({ ...item }));
}

export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
