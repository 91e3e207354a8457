'use client';

import { useT } from '@/components/i18n-provider';
import { TextField } from '@/components/ui/text-field';
import { type UserDetailField } from '@/lib/mail/services';
import type { MasterDataInput } from '@/lib/validations/mailbox-settings';
import { SectionForm, useSectionForm, type SectionProps } from './section-save';
import { LocalizationFields } from './localization-fields';

const loadMasterDataSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.masterDataSchema);

type Props = SectionProps<MasterDataInput> & {
  /** The extra user-detail fields the domain's plan enables (only these are shown and sent). */
  userDetailFields: readonly UserDetailField[];
  timeZones: readonly string[];
};

const DETAIL_INPUT: Record<UserDetailField, { type: string; autoComplete: string }> = {
  phone: { type: 'tel', autoComplete: 'off' },
  mobile: { type: 'tel', autoComplete: 'off' },
  company: { type: 'text', autoComplete: 'off' },
  department: { type: 'text', autoComplete: 'off' },
  jobTitle: { type: 'text', autoComplete: 'off' },
};

export function MasterDataForm({ id, initial, userDetailFields, timeZones, action, disabled = false }: Props) {
  const t = useT();
  const { register, handleSubmit, setValue, control, formState, errors, status, save, message, field } = useSectionForm(loadMasterDataSchema, { id, initial, action });

  return (
    <SectionForm onSubmit={handleSubmit((values) => save(values))} status={status} disabled={disabled} pending={formState.isSubmitting} saveLabel={t('mailboxSettings.masterData.save')}>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.masterData.userDetails')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('mailboxSettings.masterData.firstName')}
            autoComplete="off"
            {...field('firstName')}
          />
          <TextField
            label={t('mailboxSettings.masterData.lastName')}
            autoComplete="off"
            {...field('lastName')}
          />
        </div>
        <TextField
          label={t('mailboxSettings.masterData.description')}
          description={t('mailboxSettings.masterData.firstNameHint')}
          autoComplete="off"
          {...field('description')}
        />
        {userDetailFields.length > 0 && (
          <div className="grid gap-4 sm:grid-cols-2">
            {userDetailFields.map((name) => (
              <TextField key={name} label={t(`mailboxSettings.masterData.${name}`)} {...DETAIL_INPUT[name]} {...field(name)} />
            ))}
          </div>
        )}
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.masterData.localization')}</legend>
        <LocalizationFields control={control} register={register} setValue={setValue} errors={errors} message={message} zones={timeZones} labels="mailboxSettings.masterData" />
      </fieldset>
      <TextField
        label={t('recovery.field.label')}
        description={t('recovery.field.hint')}
        type="email"
        autoComplete="off"
        {...field('recoveryEmail')}
      />
    </SectionForm>
  );
}
