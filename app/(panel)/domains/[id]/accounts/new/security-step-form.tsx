'use client';

import { useT } from '@/components/i18n-provider';
import { AccessFields } from '@/components/mailbox-settings/access-fields';
import { OtpFieldset } from '@/components/mailbox-settings/otp-fieldset';
import { PasswordPolicyFields } from '@/components/mailbox-settings/password-policy-fields';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import type { SecurityStepInput } from '@/lib/validations/account-wizard';
import { saveSecurityStepAction } from './actions';
import { StepButtons } from './step-buttons';
import { useStepForm } from './use-step-form';

const loadSecurityStepSchema = () => import('@/lib/validations/account-wizard').then((m) => m.securityStepSchema);

type Props = { domainId: number; draftId: string; defaults: SecurityStepInput; backHref: string };

// The same policy flags as the account's Security settings, worded for a new account.
const POLICY = ['blockPasswordReuse', 'passwordChangeDisabled', 'passwordRecoveryDisabled'] as const;

export function SecurityStepForm({ domainId, draftId, defaults, backHref }: Props) {
  const t = useT();
  const { register, handleSubmit, formState, errors, formError, message, send } = useStepForm({ load: loadSecurityStepSchema, defaults, draftId, step: 3 });

  const onSubmit = handleSubmit((values) => send(() => saveSecurityStepAction(domainId, draftId, values)));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t('wizard.security.passwordLegend')}</legend>
        <Checkbox label={t('wizard.security.forcePasswordChange')} {...register('forcePasswordChange')} />
        <PasswordPolicyFields
          expiry={register('passwordExpiryMonths')}
          expiryError={message(errors.passwordExpiryMonths?.message)}
          flags={POLICY.map((flag) => ({ flag, field: register(flag) }))}
        />
      </fieldset>

      <OtpFieldset required={register('otpRequired')} />

      <AccessFields
        allowedIps={register('allowedIps')}
        allowedIpsError={message(errors.allowedIps?.message)}
        apiAccess={register('apiAccess')}
      />

      <StepButtons backHref={backHref} pending={formState.isSubmitting} />
    </form>
  );
}
