'use client';

import { useForm } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { AccessFields } from '@/components/mailbox-settings/access-fields';
import { OtpFieldset } from '@/components/mailbox-settings/otp-fieldset';
import { PasswordPolicyFields } from '@/components/mailbox-settings/password-policy-fields';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import type { SecurityStepInput, SecurityStepValues } from '@/lib/validations/account-wizard';
import { saveSecurityStepAction } from './actions';
import { StepButtons } from './step-buttons';
import { useStepStash } from './use-step-stash';
import { useStepSubmit } from './use-step-submit';

const loadSecurityStepSchema = () => import('@/lib/validations/account-wizard').then((m) => m.securityStepSchema);

type Props = { domainId: number; draftId: string; defaults: SecurityStepInput; backHref: string };

// The same policy flags as the account's Security settings, worded for a new account.
const POLICY = ['blockPasswordReuse', 'passwordChangeDisabled', 'passwordRecoveryDisabled'] as const;

export function SecurityStepForm({ domainId, draftId, defaults, backHref }: Props) {
  const t = useT();
  const form = useForm<SecurityStepInput, unknown, SecurityStepValues>({
    resolver: useLazyZodResolver(loadSecurityStepSchema),
    defaultValues: defaults,
  });
  const { register, handleSubmit, setError, formState } = form;
  const { errors } = formState;
  const stash = useStepStash(draftId, 3, form);
  const { submit, formError } = useStepSubmit({ setError });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    stash.saving();
    await submit(() => saveSecurityStepAction(domainId, draftId, values));
    stash.refused();
  });

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
