import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { buttonClasses } from '@/components/ui/classes';
import { DataList, type Column } from '@/components/list/data-list';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/table';
import { getAdminSecuritySettings } from '@/lib/admins/admin-security';
import { listAdmins, parseAdminsQuery, type AdminListRow, type AdminSort } from '@/lib/admins/list-admins';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime, formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n/translate';
import { AdminAllowedIps } from './admin-allowed-ips';
import { AdminOtpPolicy } from './admin-otp-policy';
import { AdminStatusToggle } from './admin-status-toggle';
import { withPageMessages } from '@/components/page-messages';

const PATH = '/admins';

export const generateMetadata = titleMetadata('admins.title', 'admins:read');

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function Page({ searchParams }: Props) {
  const caller = await requirePermission('admins:read');
  const t = translator(caller.language);
  const query = parseAdminsQuery(await searchParams);
  const [{ rows, total, page, pageSize }, security] = await Promise.all([listAdmins({ caller, query }), getAdminSecuritySettings({ caller })]);
  const columns: Column<AdminListRow, AdminSort>[] = [
    {
      key: 'status',
      label: t('common.status'),
      sort: 'status',
      cell: (admin) => (
        <div className="flex flex-wrap items-center gap-1.5">
          <StatusBadge active={admin.active} label={t(admin.active ? 'common.active' : 'common.inactive')} />
          {admin.role === 'superadmin' && (
            <span className="inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800">{t('shell.roles.superadmin')}</span>
          )}
        </div>
      ),
    },
    { key: 'email', label: t('admins.columns.email'), sort: 'email', className: 'font-medium break-all', cell: (admin) => admin.email },
    { key: 'name', label: t('admins.columns.name'), sort: 'name', className: 'wrap-anywhere', cell: (admin) => admin.name },
    {
      key: 'domains',
      label: t('admins.columns.domains'),
      sort: 'domains',
      headerClassName: 'text-right',
      className: 'text-right tabular-nums',
      cell: (admin) => formatNumber(admin.domainCount, caller.language),
    },
    {
      key: 'lastLogin',
      label: t('admins.columns.lastLogin'),
      sort: 'lastLogin',
      className: 'whitespace-nowrap',
      cell: (admin) =>
        admin.lastLoginAt ? (
          <time dateTime={admin.lastLoginAt.toISOString()}>{formatDateTime(admin.lastLoginAt, caller.language, caller.timeZone)}</time>
        ) : (
          <span className="text-slate-600">{t('admins.never')}</span>
        ),
    },
    {
      key: 'signIn',
      label: t('admins.columns.signIn'),
      cell: (admin) => (
        <div className="space-y-0.5 text-sm">
          <div className="break-all">{admin.allowedIps.length > 0 ? admin.allowedIps.join(', ') : t('admins.allowedIps.anywhere')}</div>
          <div className="text-xs text-slate-600">{t(admin.otpEnabled ? 'admins.otpOn' : 'admins.otpOff')}</div>
        </div>
      ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      cell: (admin) => (
        <div className="flex flex-wrap items-center gap-2">
          <AdminAllowedIps id={admin.id} email={admin.email} allowedIps={admin.allowedIps} />
          {admin.role === 'superadmin' ? (
            <span className="text-xs text-slate-600">{t('admins.protectedNote')}</span>
          ) : (
            <AdminStatusToggle id={admin.id} email={admin.email} active={admin.active} />
          )}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('admins.title')}
        description={t('admins.intro')}
        actions={
          <Link href="/admins/new" className={buttonClasses('primary')}>
            {t('admins.newAdmin')}
          </Link>
        }
      />
      <AdminOtpPolicy required={security.adminOtpRequired} />
      <DataList
        caption={t('admins.tableCaption')}
        columns={columns}
        rows={rows}
        t={t}
        paging={{ path: PATH, query: { ...query, page, pageSize }, total }}
        search={{ label: t('admins.searchLabel') }}
        empty={{
          title: t('admins.empty'),
          children: (
            <>
              <p>{t('admins.emptyIntro')}</p>
              <Link href="/admins/new" className={buttonClasses('primary')}>
                {t('admins.newAdmin')}
              </Link>
            </>
          ),
        }}
        noMatch={t('admins.noMatch')}
      />
    </div>
  );
}

export default withPageMessages(Page, ['admins', 'recovery.commonPassword', 'security.password', 'mailboxSettings.errors']);
