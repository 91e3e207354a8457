import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/classes';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, SearchForm, SortHeader } from '@/components/ui/list-controls';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge, Table, Td, Th } from '@/components/ui/table';
import { listAdmins, parseAdminsQuery } from '@/lib/admins/list-admins';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime, formatNumber } from '@/lib/format';
import { getT } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/translate';
import { AdminStatusToggle } from './admin-status-toggle';

const PATH = '/admins';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('admins.title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const caller = await requirePermission('admins:read');
  const t = translator(caller.language);
  const query = parseAdminsQuery(await searchParams);
  const { rows, total, page, pageSize } = await listAdmins({ caller, query });
  // What every link on this page keeps (page and size are added where they apply).
  const listParams = { q: query.q, sort: query.sort, dir: query.dir };

  return (
    <>
      <PageHeader
        title={t('admins.title')}
        description={t('admins.intro')}
        actions={
          <Link href="/admins/new" className={buttonClasses('primary')}>
            {t('admins.newAdmin')}
          </Link>
        }
      />
      <div className="space-y-4">
        <SearchForm path={PATH} q={query.q} label={t('admins.searchLabel')} t={t} hidden={{ sort: query.sort, dir: query.dir, size: pageSize }} />
        {rows.length === 0 ? (
          total === 0 && !query.q ? (
            <EmptyState title={t('admins.empty')}>
              <p>{t('admins.emptyIntro')}</p>
              <Link href="/admins/new" className={buttonClasses('primary')}>
                {t('admins.newAdmin')}
              </Link>
            </EmptyState>
          ) : (
            <EmptyState title={total === 0 ? t('admins.noMatch') : t('common.noResults')} />
          )
        ) : (
          <Table caption={t('admins.tableCaption')}>
            <thead>
              <tr>
                <SortHeader path={PATH} column="status" label={t('common.status')} query={query} params={{ q: query.q, size: pageSize }} t={t} />
                <SortHeader path={PATH} column="email" label={t('admins.columns.email')} query={query} params={{ q: query.q, size: pageSize }} t={t} />
                <SortHeader path={PATH} column="name" label={t('admins.columns.name')} query={query} params={{ q: query.q, size: pageSize }} t={t} />
                <SortHeader path={PATH} column="domains" label={t('admins.columns.domains')} query={query} params={{ q: query.q, size: pageSize }} t={t} className="text-right" />
                <SortHeader path={PATH} column="lastLogin" label={t('admins.columns.lastLogin')} query={query} params={{ q: query.q, size: pageSize }} t={t} />
                <Th>{t('common.actions')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {rows.map((admin) => (
                <tr key={admin.id}>
                  <Td>
                    <div className="flex flex-wrap items-center gap-1.5">
                      <StatusBadge active={admin.active} label={t(admin.active ? 'common.active' : 'common.inactive')} />
                      {admin.role === 'superadmin' && (
                        <span className="inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800">
                          {t('shell.roles.superadmin')}
                        </span>
                      )}
                    </div>
                  </Td>
                  <Td className="font-medium break-all">{admin.email}</Td>
                  <Td className="wrap-anywhere">{admin.name}</Td>
                  <Td className="text-right tabular-nums">{formatNumber(admin.domainCount, caller.language)}</Td>
                  <Td className="whitespace-nowrap">
                    {admin.lastLoginAt ? (
                      <time dateTime={admin.lastLoginAt.toISOString()}>
                        {formatDateTime(admin.lastLoginAt, caller.language, caller.timeZone)}
                      </time>
                    ) : (
                      <span className="text-slate-600">{t('admins.never')}</span>
                    )}
                  </Td>
                  <Td>
                    {admin.role === 'superadmin' ? (
                      <span className="text-xs text-slate-600">{t('admins.protectedNote')}</span>
                    ) : (
                      <AdminStatusToggle id={admin.id} email={admin.email} active={admin.active} />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {total > 0 && <Pagination path={PATH} page={page} pageSize={pageSize} total={total} params={listParams} t={t} />}
      </div>
    </>
  );
}
