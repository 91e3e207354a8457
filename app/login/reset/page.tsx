import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { I18nProvider } from '@/components/language-provider';
import { Alert } from '@/components/ui/alert';
import { findResetToken } from '@/lib/self-service/recovery';
import { getLanguage } from '@/lib/i18n/server';
import { translator } from '@/lib/i18n/translate';
import { ResetPasswordForm } from './reset-password-form';
import { withPageMessages } from '@/components/page-messages';

// The link's token is in the address: it must not leak to other sites through the Referer header.
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLanguage())('recovery.reset.title'), referrer: 'no-referrer' };
}

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';

async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const found = typeof token === 'string' ? await findResetToken(token) : null;
  // The page speaks the account's language (the one its e-mail was written in); without a valid link, the browser's.
  const language = found?.language ?? (await getLanguage());
  const t = translator(language);
  if (!found || typeof token !== 'string') {
    return (
      <AuthCard title={t('recovery.reset.invalidTitle')}>
        <Alert tone="error">{t('recovery.linkInvalid')}</Alert>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href="/login/forgot" className={linkClass}>
            {t('recovery.reset.requestNew')}
          </Link>
          <Link href="/login" className={linkClass}>
            {t('recovery.backToSignIn')}
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <I18nProvider language={language}>
      <div lang={language}>
        <AuthCard title={t('recovery.reset.title')} intro={t('recovery.reset.intro', { address: found.address })}>
          <ResetPasswordForm token={token} address={found.address} />
        </AuthCard>
      </div>
    </I18nProvider>
  );
}

export default withPageMessages(ResetPasswordPage, ['auth.throttled', 'mailboxSettings.errors', 'recovery.backToSignIn', 'recovery.commonPassword', 'recovery.linkInvalid', 'recovery.mail', 'recovery.reset', 'recovery.throttled', 'security.password']);
