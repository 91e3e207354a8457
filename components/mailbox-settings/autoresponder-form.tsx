'use client';

import { useT } from '@/components/i18n-provider';
import { Checkbox } from '@/components/ui/checkbox';
import { TextField } from '@/components/ui/text-field';
import type { AutoresponderInput } from '@/lib/validations/mailbox-settings';
import { AUTORESPONDER_BODY_MAX, AUTORESPONDER_SUBJECT_MAX } from '@/lib/validations/mailbox-settings-constants';
import { SectionForm, useSectionForm, type SectionProps } from './section-save';
import { TextareaField } from '@/components/ui/textarea-field';

const loadAutoresponderSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.autoresponderSchema);

type Props = SectionProps<AutoresponderInput> & {
  /** The mailbox's time zone: from / until are entered and shown in it. */
  timeZone: string;
};

export function AutoresponderForm({ id, initial, timeZone, action, disabled = false }: Props) {
  const t = useT();
  const { register, handleSubmit, formState, status, save, field } = useSectionForm(loadAutoresponderSchema, { id, initial, action });

  return (
    <SectionForm onSubmit={handleSubmit((values) => save(values))} status={status} disabled={disabled} pending={formState.isSubmitting} saveLabel={t('mailboxSettings.autoresponder.save')}>
      <Checkbox label={t('mailboxSettings.autoresponder.enabled')} {...register('enabled')} />
      <TextField
        label={t('mailboxSettings.autoresponder.subject')}
        maxLength={AUTORESPONDER_SUBJECT_MAX}
        {...field('subject')}
      />
      <TextareaField
        label={t('mailboxSettings.autoresponder.body')}
        rows={6}
        maxLength={AUTORESPONDER_BODY_MAX}
        {...field('body')}
      />
      <fieldset className="space-y-2">
        <legend className="sr-only">
          {t('mailboxSettings.autoresponder.from')} / {t('mailboxSettings.autoresponder.until')}
        </legend>
        <p className="text-sm text-slate-600">{t('mailboxSettings.autoresponder.zoneHint', { zone: timeZone.replaceAll('_', ' ') })}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('mailboxSettings.autoresponder.from')}
            type="datetime-local"
            {...field('startsAt')}
          />
          <TextField
            label={t('mailboxSettings.autoresponder.until')}
            type="datetime-local"
            {...field('endsAt')}
          />
        </div>
      </fieldset>
    </SectionForm>
  );
}
