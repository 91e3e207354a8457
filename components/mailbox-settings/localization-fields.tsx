'use client';

import type { ReactNode } from 'react';
import { useWatch, type Control, type FieldErrors, type FieldValues, type UseFormRegister, type UseFormSetValue } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { SelectField } from '@/components/ui/select-field';
import type { Language } from '@/lib/mail/services';
import { LanguageOptions } from './language-options';
import { TimeZoneField } from './time-zone-field';
import { fieldProps } from '@/components/forms/field-props';

type Localization = { language: Language; timeZone: string };

type Props<T extends FieldValues> = {
  control: Control<T>;
  /** The form's register (with server defaults where the form renders them). */
  register: UseFormRegister<T>;
  setValue: UseFormSetValue<T>;
  errors: FieldErrors<T>;
  /** A field's error key in the page's language (useSectionSave's `message`). */
  message: (key: string | undefined) => string | undefined;
  zones: readonly string[];
  /** Where the form's own labels live: `<labels>.language`, `<labels>.timeZone`. */
  labels: 'mailboxSettings.masterData' | 'mailboxSettings.webmail' | 'selfService.localization';
  /** More fields in the same grid (the webmail's date and time formats). */
  children?: ReactNode;
};

/**
 * The language and time-zone pair that every localization form shows (the mailbox's master data and webmail,
 * the panel's own settings), in one two-column grid.
 */
export function LocalizationFields<T extends Localization>(props: Props<T>) {
  // react-hook-form's types are invariant in the form's values; these fields touch only `language` and
  // `timeZone`, which every T here has.
  const { control, register, setValue, errors, message, zones, labels, children } = props as unknown as Props<Localization>;
  const field = fieldProps(register, errors, message);
  const t = useT();
  const timeZone = useWatch({ control, name: 'timeZone' });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label={t(`${labels}.language`)} {...field('language')}>
        <LanguageOptions />
      </SelectField>
      <TimeZoneField
        label={t(`${labels}.timeZone`)}
        error={message(errors.timeZone?.message)}
        zones={zones}
        value={timeZone ?? ''}
        onPick={(zone) => setValue('timeZone', zone, { shouldDirty: true, shouldValidate: true })}
        field={register('timeZone')}
      />
      {children}
    </div>
  );
}
