'use client';

import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Checkbox } from '@/components/ui/checkbox';

/** Whether the account must use OTP: the wizard and the Security section alike (the section adds its state). */
export function OtpFieldset({ required, children }: { required: UseFormRegisterReturn; children?: ReactNode }) {
  const t = useT();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.security.otp')}</legend>
      <Checkbox label={t('mailboxSettings.security.otpRequired')} {...required} />
      {children}
    </fieldset>
  );
}
