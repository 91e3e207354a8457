'use client';

import { useWatch } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { AccessFields } from './access-fields';
import { OtpFieldset } from './otp-fieldset';
import { PasswordPolicyFields } from './password-policy-fields';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import type { SecurityInput } from '@/lib/validations/mailbox-settings';
import { ResetOtpButton, type ResetOtpAction } from './reset-otp-button';
import { SectionForm, useSectionForm, type SectionProps } from './section-save';

const loadSecuritySchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.securitySchema);

type Props = SectionProps<SecurityInput> & {
  otpEnrolled: boolean;
  /** When the password was last changed, already formatted for the reader. */
  passwordChangedAt: string;
  /** Offered when OTP is set up and the page passes the action. */
  resetOtp?: ResetOtpAction;
  /** Webmail is off for the account (saved in General): with OTP required it cannot sign in to the panel. */
  webmailOff?: boolean;
};

const POLICY = ['blockPasswordReuse', 'passwordChangeDisabled', 'passwordRecoveryDisabled', 'forcePasswordChange'] as const;

export function SecurityForm({ id, initial, otpEnrolled, passwordChangedAt, action, resetOtp, disabled = false, webmailOff = false }: Props) {
  const t = useT();
  const { register, handleSubmit, resetField, formState, control, errors, status, save, message } = useSectionForm(loadSecuritySchema, { id, initial, action });
  const otpRequired = useWatch({ control, name: 'otpRequired' });

  const onSubmit = handleSubmit(async (values) => {
    const passwordSet = values.newPassword !== '';
    const saved = await save(values, passwordSet ? t('mailboxSettings.security.passwordSet') : undefined);
    // A password typed here is not kept in the page once it is saved.
    if (saved && passwordSet) {
      resetField('newPassword');
      resetField('confirmPassword');
    }
  });

  return (
    <SectionForm onSubmit={onSubmit} status={status} disabled={disabled} pending={formState.isSubmitting} saveLabel={t('mailboxSettings.security.save')} spacing="space-y-6">
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.security.password')}</legend>
        <p className="text-sm text-slate-600">{t('mailboxSettings.security.lastChanged', { at: passwordChangedAt })}</p>
        <NewPasswordFields
          sideBySide
          password={{
            label: t('mailboxSettings.security.newPassword'),
            description: t('mailboxSettings.security.newPasswordHint'),
            field: register('newPassword'),
            error: message(errors.newPassword?.message),
          }}
          confirm={{ label: t('mailboxSettings.security.confirmPassword'), field: register('confirmPassword'), error: message(errors.confirmPassword?.message) }}
        />
        <PasswordPolicyFields
          expiry={register('passwordExpiryMonths')}
          expiryError={message(errors.passwordExpiryMonths?.message)}
          flags={POLICY.map((flag) => ({ flag, field: register(flag) }))}
        />
      </fieldset>

      <OtpFieldset required={register('otpRequired')}>
        <p className="text-sm text-slate-600">
          {otpEnrolled ? t('mailboxSettings.security.otpEnrolled') : t('mailboxSettings.security.otpNotEnrolled')}
        </p>
        {otpEnrolled && resetOtp && <ResetOtpButton id={id} action={resetOtp} disabled={disabled} />}
        {webmailOff && otpRequired && <Alert tone="warning">{t('mailboxSettings.security.noWayIn')}</Alert>}
      </OtpFieldset>

      <AccessFields
        allowedIps={register('allowedIps')}
        allowedIpsError={message(errors.allowedIps?.message)}
        apiAccess={register('apiAccess')}
      />
    </SectionForm>
  );
}
