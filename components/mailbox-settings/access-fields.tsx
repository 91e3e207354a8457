'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Checkbox } from '@/components/ui/checkbox';
import { EntryListField } from '@/components/ui/textarea-field';
import { MAX_ALLOWED_IPS } from '@/lib/mail/services';

/** Where the account may sign in from, and whether it may use the API: the wizard and the Security section alike. */
export function AccessFields({
  allowedIps,
  allowedIpsError,
  apiAccess,
}: {
  allowedIps: UseFormRegisterReturn;
  allowedIpsError?: string;
  apiAccess: UseFormRegisterReturn;
}) {
  const t = useT();
  return (
    <>
      <EntryListField
        label={t('mailboxSettings.security.allowedIps')}
        description={t('mailboxSettings.security.allowedIpsHint', { max: MAX_ALLOWED_IPS })}
        rows={5}
        mono
        error={allowedIpsError}
        {...allowedIps}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.security.api')}</legend>
        <Checkbox label={t('mailboxSettings.security.apiAccess')} {...apiAccess} />
      </fieldset>
    </>
  );
}
