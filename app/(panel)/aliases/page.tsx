import { titleMetadata } from '@/app/title-metadata';
import { AliasesTable } from '@/components/aliases/aliases-table';
import { withPageMessages } from '@/components/page-messages';
import { PageHeader } from '@/components/ui/page-header';
import { ALIAS_SORTS } from '@/db/queries/aliases';
import { listAliases } from '@/lib/aliases/list-aliases';
import { requirePermission } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { pageFailure } from '@/lib/page-failure';
import { parsePageQuery } from '@/lib/pagination';

export const generateMetadata = titleMetadata('pageTitles.aliases', 'aliases:read');

const PATH = '/aliases';

/** The aliases of every domain the caller reaches (the navigation shows it to admins; see nav-items.ts). */
async function AliasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePermission('aliases:read');
  const t = translator(caller.language);
  const query = parsePageQuery(await searchParams, ALIAS_SORTS, 'address');
  const list = await listAliases({ caller, query }).catch(pageFailure);
  return (
    <div className="space-y-6">
      <PageHeader title={t('aliases.title')} description={t('aliases.intro')} />
      <AliasesTable list={list} query={query} path={PATH} showDomain t={t} />
    </div>
  );
}

export default withPageMessages(AliasesPage, ['aliases', 'pageTitles.aliases']);
