'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { TextField } from '@/components/ui/text-field';
import {
  AUTORESPONDER_BODY_MAX,
  AUTORESPONDER_SUBJECT_MAX,
  autoresponderSchema,
  type AutoresponderInput,
  type AutoresponderValues,
} from '@/lib/validations/mailbox-settings';
import { SectionStatusAlert, useSectionSave, type SectionAction } from './section-save';
import { TextareaField } from '@/components/ui/textarea-field';

type Props = {
  id: number;
  initial: AutoresponderInput;
  /** The mailbox's time zone: from / until are entered and shown in it. */
  timeZone: string;
  action: SectionAction;
  disabled?: boolean;
};

export function AutoresponderForm({ id, initial, timeZone, action, disabled = false }: Props) {
  const t = useT();
  const { register, handleSubmit, setError, formState } = useForm<AutoresponderInput, unknown, AutoresponderValues>({
    resolver: zodResolver(autoresponderSchema),
    defaultValues: initial,
  });
  const { errors } = formState;
  const { status, save } = useSectionSave({ id, action, setError });
  const message = (key: string | undefined) => (key ? t.raw(key) : undefined);

  return (
    <form onSubmit={handleSubmit((values) => save(values))} noValidate className="space-y-5">
      <SectionStatusAlert status={status} />
      <fieldset disabled={disabled} className="space-y-5">
        <Checkbox label={t('mailboxSettings.autoresponder.enabled')} {...register('enabled')} />
        <TextField
          label={t('mailboxSettings.autoresponder.subject')}
          maxLength={AUTORESPONDER_SUBJECT_MAX}
          error={message(errors.subject?.message)}
          {...register('subject')}
        />
        <TextareaField
          label={t('mailboxSettings.autoresponder.body')}
          rows={6}
          maxLength={AUTORESPONDER_BODY_MAX}
          error={message(errors.body?.message)}
          {...register('body')}
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
              error={message(errors.startsAt?.message)}
              {...register('startsAt')}
            />
            <TextField
              label={t('mailboxSettings.autoresponder.until')}
              type="datetime-local"
              error={message(errors.endsAt?.message)}
              {...register('endsAt')}
            />
          </div>
        </fieldset>
        <Button type="submit" pending={formState.isSubmitting}>
          {t('mailboxSettings.autoresponder.save')}
        </Button>
      </fieldset>
    </form>
  );
}
