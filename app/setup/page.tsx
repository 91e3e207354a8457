import { notFound } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { AuthCard } from '@/components/auth/auth-card';
import { getDb } from '@/db';
import { getT } from '@/lib/i18n/server';
import { hasSuperadmin, isSetupTokenValid } from '@/lib/setup/setup-token';
import { SetupForm } from './setup-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.setup');

// Exists only on first run and only for the holder of the printed link.
async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const db = getDb();
  if (typeof token !== 'string' || (await hasSuperadmin(db)) || !(await isSetupTokenValid(db, token))) notFound();
  const t = await getT();
  return (
    <AuthCard title={t('setup.title')} intro={t('setup.intro')}>
      <SetupForm token={token} />
    </AuthCard>
  );
}

export default withPageMessages(SetupPage, ['pageTitles.setup', 'recovery.commonPassword', 'security.password', 'setup']);
