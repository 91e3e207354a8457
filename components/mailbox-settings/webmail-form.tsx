'use client';

import { useT } from '@/components/i18n-provider';
import { Checkbox } from '@/components/ui/checkbox';
import { SelectField } from '@/components/ui/select-field';
import type { OwnWebmailInput, WebmailInput } from '@/lib/validations/mailbox-settings';
import { DATE_FORMATS, TIME_FORMATS } from '@/lib/validations/mailbox-settings-constants';
import { SectionForm, useSectionForm, type SectionProps } from './section-save';
import { LocalizationFields } from './localization-fields';

const loadWebmailSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.webmailSchema);
const loadOwnWebmailSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.ownWebmailSchema as typeof m.webmailSchema);

/** `initial` is without `inAddressBook` for the account's own settings (ownOnly). */
type Props = SectionProps<WebmailInput | OwnWebmailInput> & {
  /** "My settings": only the localization; the company address book is the administrators' to set. */
  ownOnly?: boolean;
  timeZones: readonly string[];
};

// 31 December 2025, 14:30, as each format writes it.
const DATE_EXAMPLES: Record<(typeof DATE_FORMATS)[number], string> = {
  'yyyy-MM-dd': '2025-12-31',
  'dd/MM/yyyy': '31/12/2025',
  'MM/dd/yyyy': '12/31/2025',
  'dd.MM.yyyy': '31.12.2025',
};
const TIME_LABELS: Record<(typeof TIME_FORMATS)[number], { key: 'h24' | 'h12'; example: string }> = {
  'HH:mm': { key: 'h24', example: '14:30' },
  'h:mm a': { key: 'h12', example: '2:30 PM' },
};

export function WebmailForm({ id, initial, ownOnly = false, timeZones, action, disabled = false }: Props) {
  const t = useT();
  // The own form has no address-book field: its schema does not ask for one.
  const { register, handleSubmit, setValue, control, formState, errors, status, save, message, field } = useSectionForm(ownOnly ? loadOwnWebmailSchema : loadWebmailSchema, {
    id,
    initial: initial as WebmailInput,
    action,
  });

  return (
    <SectionForm onSubmit={handleSubmit((values) => save(values))} status={status} disabled={disabled} pending={formState.isSubmitting} saveLabel={t('mailboxSettings.webmail.save')} spacing="space-y-6">
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.webmail.localization')}</legend>
        <LocalizationFields control={control} register={register} setValue={setValue} errors={errors} message={message} zones={timeZones} labels="mailboxSettings.webmail">
          <SelectField label={t('mailboxSettings.webmail.dateFormat')} {...field('dateFormat')}>
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {DATE_EXAMPLES[format]}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('mailboxSettings.webmail.timeFormat')} {...field('timeFormat')}>
            {TIME_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`mailboxSettings.webmail.timeFormats.${TIME_LABELS[format].key}`, { example: TIME_LABELS[format].example })}
              </option>
            ))}
          </SelectField>
        </LocalizationFields>
      </fieldset>
      {!ownOnly && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.webmail.addressBook')}</legend>
          <Checkbox label={t('mailboxSettings.webmail.inAddressBook')} {...register('inAddressBook')} />
        </fieldset>
      )}
    </SectionForm>
  );
}
