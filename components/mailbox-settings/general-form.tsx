'use client';

import { useWatch } from 'react-hook-form';
import { useLanguage, useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { formatBytes, formatNumber } from '@/lib/format';
import type { MailboxSettingsOptions, StorageOption } from '@/lib/mailboxes/settings/get-mailbox-settings';
import { POSTMASTER_QUOTA_BYTES, SERVICES } from '@/lib/mail/services';
import type { GeneralInput } from '@/lib/validations/mailbox-settings';
import { REJECT_MESSAGE_MAX } from '@/lib/validations/mailbox-settings-constants';
import { ForwardFields } from './forward-fields';
import { SectionForm, useSectionForm, type SectionProps } from './section-save';
import { TextareaField } from '@/components/ui/textarea-field';

const loadGeneralSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.generalSchema);

type Props = SectionProps<GeneralInput> & {
  options: MailboxSettingsOptions;
  isPostmaster: boolean;
  quotaBytes: number;
  usedBytes: number;
};

const NOTE_KEYS = {
  belowUsed: 'mailboxSettings.general.optionBelowUsed',
  beyondDomain: 'mailboxSettings.general.optionBeyondDomain',
  notInPlan: 'mailboxSettings.general.optionNotInPlan',
} as const;

function ReadOnlyValue({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-900">{label}</p>
      <p className="text-sm text-slate-900">{value}</p>
      <p className="text-sm text-slate-600">{hint}</p>
    </div>
  );
}

export function GeneralForm({ id, initial, options, isPostmaster, quotaBytes, usedBytes, action, disabled = false }: Props) {
  const t = useT();
  const language = useLanguage();
  const { register, handleSubmit, control, formState, errors, status, save, message, field } = useSectionForm(loadGeneralSchema, { id, initial, action });
  const [sendLimit, rejectAll] = useWatch({ control, name: ['dailySendLimit', 'rejectAll'] });
  const initialServices = initial.services as Record<string, boolean>;
  const storageLabel = ({ bytes, note }: StorageOption) => {
    const size = formatBytes(bytes, language);
    return note ? t(NOTE_KEYS[note], { size }) : size;
  };
  const aboveDefault = Number(sendLimit) > options.defaultDailySendLimit;
  const defaultLimit = formatNumber(options.defaultDailySendLimit, language);

  return (
    <SectionForm onSubmit={handleSubmit((values) => save(values))} status={status} disabled={disabled} pending={formState.isSubmitting} saveLabel={t('mailboxSettings.general.save')} spacing="space-y-6">
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.general.limits')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {isPostmaster ? (
            <ReadOnlyValue
              label={t('mailboxSettings.general.storage')}
              value={formatBytes(POSTMASTER_QUOTA_BYTES, language)}
              hint={t('mailboxSettings.general.storageFixed', { size: formatBytes(POSTMASTER_QUOTA_BYTES, language) })}
            />
          ) : options.canChangeStorage ? (
            <SelectField
              label={t('mailboxSettings.general.storage')}
              description={t('mailboxSettings.general.storageUsed', { used: formatBytes(usedBytes, language), free: formatBytes(options.freeBytes, language) })}
              {...field('quotaBytes')}
            >
              {options.storage.map((option) => (
                <option key={option.bytes} value={option.bytes} disabled={option.disabled}>
                  {storageLabel(option)}
                </option>
              ))}
            </SelectField>
          ) : (
            <ReadOnlyValue
              label={t('mailboxSettings.general.storage')}
              value={formatBytes(quotaBytes, language)}
              hint={t('mailboxSettings.general.storageNotChangeable')}
            />
          )}
          {options.canChangeSendLimit ? (
            <TextField
              label={t('mailboxSettings.general.sendLimit')}
              description={t('mailboxSettings.general.sendLimitHint', {
                max: formatNumber(options.maxDailySendLimit, language),
                default: defaultLimit,
              })}
              type="number"
              inputMode="numeric"
              min={0}
              max={options.maxDailySendLimit}
              step={1}
              {...field('dailySendLimit')}
            />
          ) : (
            <ReadOnlyValue
              label={t('mailboxSettings.general.sendLimit')}
              value={t('mailboxSettings.general.perDay', { count: formatNumber(Number(initial.dailySendLimit), language) })}
              hint={t('mailboxSettings.general.storageNotChangeable')}
            />
          )}
          <ReadOnlyValue
            label={t('mailboxSettings.general.maxMessage')}
            value={formatBytes(options.maxMessageBytes, language)}
            hint={t('mailboxSettings.general.maxMessageHint')}
          />
        </div>
        {options.canChangeSendLimit && aboveDefault && <Alert tone="warning">{t('mailboxSettings.general.sendLimitCost', { default: defaultLimit })}</Alert>}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.general.services')}</legend>
        <p className="text-sm text-slate-600">{t('mailboxSettings.general.servicesHint')}</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {SERVICES.map((service) => {
            const allowed = options.services[service];
            return (
              <Checkbox
                key={service}
                label={t(`domains.services.${service}`)}
                hint={allowed ? undefined : t('mailboxSettings.general.notEnabled')}
                // One that is on although no longer allowed can still be switched off.
                disabled={!allowed && !initialServices[service]}
                {...field(`services.${service}`)}
              />
            );
          })}
        </div>
      </fieldset>

      <div className="space-y-3">
        <ForwardFields forwards={register('forwards')} forwardsError={message(errors.forwards?.message)} keepCopy={register('forwardKeepCopy')} />
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t('mailboxSettings.general.other')}</legend>
        {(options.allowSpamToInbox || initial.spamToInbox) && (
          <Checkbox
            label={t('mailboxSettings.general.spamToInbox')}
            hint={options.allowSpamToInbox ? undefined : t('mailboxSettings.general.spamNotOffered')}
            {...field('spamToInbox')}
          />
        )}
        <Checkbox label={t('mailboxSettings.general.rejectAll')} {...register('rejectAll')} />
        {rejectAll && (
          <TextareaField
            label={t('mailboxSettings.general.rejectMessage')}
            description={t('mailboxSettings.general.rejectMessageHint', { max: REJECT_MESSAGE_MAX })}
            rows={4}
            maxLength={REJECT_MESSAGE_MAX}
            required
            {...field('rejectMessage')}
          />
        )}
      </fieldset>
    </SectionForm>
  );
}
