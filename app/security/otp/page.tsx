import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { titleMetadata } from '@/app/title-metadata';
import { Alert } from '@/components/ui/alert';
import { Card, CardDescription, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { pendingOtpSecret } from '@/lib/self-service/otp';
import { getOwnSecurity } from '@/lib/self-service/own-security';
import { requireCallerAt } from '@/lib/auth/session';
import { groupSecret, otpauthUri } from '@/lib/auth/totp';
import { translator } from '@/lib/i18n/translate';
import { OtpCodeForm } from './otp-code-form';
import { withPageMessages } from '@/components/page-messages';

export const generateMetadata = titleMetadata('pageTitles.otp');

async function OtpPage() {
  const caller = await requireCallerAt('enrolOtp');
  const own = await getOwnSecurity(caller);
  if (!own) redirect('/login');
  const t = translator(caller.language);
  const gated = caller.gate === 'enrolOtp';

  if (own.otpEnabled) {
    return (
      <div className="space-y-4">
        <PageHeader title={t('security.otp.title')} description={t('security.otp.intro')} />
        <Alert tone="success">{t('security.otp.statusOn')}</Alert>
        <Card className="max-w-xl space-y-4">
          <div>
            <CardTitle>{t('security.otp.disableTitle')}</CardTitle>
            <CardDescription>{own.otpRequired ? t('security.otp.requiredCannotDisable') : t('security.otp.disableIntro')}</CardDescription>
          </div>
          {!own.otpRequired && <OtpCodeForm mode="disable" />}
        </Card>
      </div>
    );
  }

  // The pending secret (created on first visit, kept until confirmed, encrypted at rest).
  const secret = await pendingOtpSecret({ kind: caller.kind, id: caller.id });
  if (!secret) redirect('/security/otp');
  const svg = await QRCode.toString(otpauthUri(secret, own.address), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });

  return (
    <div className="space-y-4">
      <PageHeader title={t('security.otp.title')} description={t('security.otp.intro')} />
      {gated ? <Alert tone="warning">{t('security.otp.required')}</Alert> : <Alert tone="info">{t('security.otp.statusOff')}</Alert>}
      <Card className="max-w-xl space-y-5">
        <p className="text-sm text-slate-900">{t('security.otp.scan')}</p>
        <div
          role="img"
          aria-label={t('security.otp.qrAlt')}
          className="size-52 rounded-md border border-slate-200 bg-white p-1 [&>svg]:size-full"
          // The SVG comes from the qrcode package, made from our own otpauth:// address.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <div className="space-y-1">
          <p id="otp-key-label" className="text-sm font-medium text-slate-900">
            {t('security.otp.manualKey')}
          </p>
          <p aria-labelledby="otp-key-label" data-testid="otp-secret" className="font-mono text-base tracking-wider break-all text-slate-900 select-all">
            {groupSecret(secret)}
          </p>
          <p className="text-sm text-slate-600">{t('security.otp.manualDetails')}</p>
        </div>
        <p className="text-sm text-slate-900">{t('security.otp.enter')}</p>
        <OtpCodeForm mode="enable" gated={gated} />
      </Card>
    </div>
  );
}

export default withPageMessages(OtpPage, ['auth.throttled', 'mailboxSettings.errors', 'pageTitles.otp', 'recovery.commonPassword', 'security.password']);
