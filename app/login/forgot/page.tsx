import Link from 'next/link';
import { redirect } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { AuthCard } from '@/components/auth/auth-card';
import { getCaller } from '@/lib/auth/session';
import { getT } from '@/lib/i18n/server';
import { ForgotPasswordForm } from './forgot-password-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('recovery.forgot.title');

async function ForgotPasswordPage() {
  if (await getCaller()) redirect('/');
  const t = await getT();
  return (
    <AuthCard title={t('recovery.forgot.title')} intro={t('recovery.forgot.intro')}>
      <ForgotPasswordForm />
      <p className="text-sm">
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {t('recovery.backToSignIn')}
        </Link>
      </p>
    </AuthCard>
  );
}

export default withPageMessages(ForgotPasswordPage, ['auth.throttled', 'mailboxSettings.errors', 'recovery.backToSignIn', 'recovery.commonPassword', 'recovery.forgot', 'recovery.linkInvalid', 'recovery.mail', 'recovery.throttled', 'security.password']);
