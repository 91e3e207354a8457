import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { getCaller } from '@/lib/auth/session';
import { getT } from '@/lib/i18n/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCaller()) redirect('/');
  const params = await searchParams;
  const t = await getT();
  return (
    <AuthCard title={t('auth.signInTitle')} intro={t('auth.signInIntro')}>
      {params.setup === '1' && <Alert tone="success">{t('auth.setupDone')}</Alert>}
      {params.signedOut === '1' && <Alert tone="info">{t('auth.signedOut')}</Alert>}
      <SignInForm />
    </AuthCard>
  );
}
