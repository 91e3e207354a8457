'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Checkbox } from '@/components/ui/checkbox';
import { SelectField } from '@/components/ui/select-field';
import { PASSWORD_EXPIRY_MONTHS } from '@/lib/mail/services';

export type PasswordPolicyFlag = 'blockPasswordReuse' | 'passwordChangeDisabled' | 'passwordRecoveryDisabled' | 'forcePasswordChange';

/** Password expiry and the password-policy switches, as the wizard and the Security section show them. */
export function PasswordPolicyFields({
  expiry,
  expiryError,
  flags,
}: {
  expiry: UseFormRegisterReturn;
  expiryError?: string;
  flags: { flag: PasswordPolicyFlag; field: UseFormRegisterReturn }[];
}) {
  const t = useT();
  return (
    <>
      <SelectField label={t('mailboxSettings.security.expiry')} className="sm:max-w-xs" error={expiryError} {...expiry}>
        {PASSWORD_EXPIRY_MONTHS.map((months) => (
          <option key={months} value={months}>
            {months === 0 ? t('mailboxSettings.security.expiryNever') : t('mailboxSettings.security.expiryEvery', { months })}
          </option>
        ))}
      </SelectField>
      <div className="space-y-2">
        {flags.map(({ flag, field }) => (
          <Checkbox key={flag} label={t(`mailboxSettings.security.${flag}`)} {...field} />
        ))}
      </div>
    </>
  );
}
