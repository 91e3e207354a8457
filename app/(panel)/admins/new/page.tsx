import Link from 'next/link';
import { titleMetadata } from '@/app/title-metadata';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { CreateAdminForm } from '../create-admin-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('admins.form.title', 'admins:write');

async function Page() {
  const caller = await requirePermission('admins:write');
  const t = translator(caller.language);
  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/admins" className="font-medium text-indigo-700 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          <span aria-hidden="true">← </span>
          {t('admins.created.backToList')}
        </Link>
      </div>
      <PageHeader title={t('admins.form.title')} description={t('admins.form.intro')} />
      <Card className="max-w-xl">
        <CreateAdminForm />
      </Card>
    </>
  );
}

export default withPageMessages(Page, ['admins.created', 'admins.errors', 'admins.form', 'recovery.commonPassword', 'security.password']);
