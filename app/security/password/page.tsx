import { redirect } from 'next/navigation';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getOwnSecurity } from '@/lib/self-service/own-security';
import { requireCallerAt } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translate';
import { ChangePasswordForm } from './change-password-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.changePassword');

async function ChangePasswordPage() {
  const caller = await requireCallerAt('changePassword');
  const own = await getOwnSecurity(caller);
  if (!own) redirect('/login');
  const t = translator(caller.language);
  // A forced or expired password may be changed even when changes are disabled: the policy demands it.
  const allowed = own.mustChange || !own.passwordChangeDisabled;

  return (
    <div className="space-y-4">
      <PageHeader title={t('security.password.title')} description={t('security.password.intro')} />
      {own.forced && <Alert tone="warning">{t('security.password.forced')}</Alert>}
      {!own.forced && own.expired && <Alert tone="warning">{t('security.password.expired')}</Alert>}
      <Card className="max-w-xl">
        {allowed ? (
          <ChangePasswordForm address={own.address} reuseBlocked={own.blockReuse} gated={caller.gate === 'changePassword'} />
        ) : (
          <Alert tone="info">{t('security.password.disabled')}</Alert>
        )}
      </Card>
    </div>
  );
}

export default withPageMessages(ChangePasswordPage, ['auth.throttled', 'mailboxSettings.errors', 'pageTitles.changePassword', 'recovery.commonPassword', 'security.password']);
