'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Checkbox } from '@/components/ui/checkbox';
import { EntryListField } from '@/components/ui/textarea-field';
import { MAX_FORWARDS } from '@/lib/mail/services';

/** Where incoming mail is forwarded, and whether the mailbox keeps a copy: the wizard and the General section alike. */
export function ForwardFields({ forwards, forwardsError, keepCopy }: { forwards: UseFormRegisterReturn; forwardsError?: string; keepCopy: UseFormRegisterReturn }) {
  const t = useT();
  return (
    <>
      <EntryListField
        label={t('mailboxSettings.general.forwards')}
        description={t('mailboxSettings.general.forwardsHint', { max: MAX_FORWARDS })}
        rows={4}
        error={forwardsError}
        {...forwards}
      />
      <Checkbox label={t('mailboxSettings.general.keepCopy')} {...keepCopy} />
    </>
  );
}
