import Link from 'next/link';
import { redirect } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { getCaller } from '@/lib/auth/session';
import { getT } from '@/lib/i18n/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from './sign-in-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('auth.signInTitle');

async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCaller()) redirect('/');
  const params = await searchParams;
  const t = await getT();
  return (
    <AuthCard title={t('auth.signInTitle')} intro={t('auth.signInIntro')}>
      {params.setup === '1' && <Alert tone="success">{t('auth.setupDone')}</Alert>}
      {params.signedOut === '1' && <Alert tone="info">{t('auth.signedOut')}</Alert>}
      <SignInForm />
      <p className="text-center text-sm">
        <Link href="/login/forgot" className="font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {t('recovery.forgotLink')}
        </Link>
      </p>
    </AuthCard>
  );
}

export default withPageMessages(LoginPage, ['auth', 'recovery.commonPassword', 'recovery.forgotLink', 'security.password', 'security.signIn']);
