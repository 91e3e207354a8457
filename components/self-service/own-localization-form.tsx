'use client';

import { useRouter } from 'next/navigation';
import { useForm, useWatch } from 'react-hook-form';
import { useLazyZodResolver } from '@/components/forms/lazy-zod-resolver';
import { useT } from '@/components/i18n-provider';
import { useSectionSave, type SectionAction } from '@/components/mailbox-settings/section-save';
import { LanguageOptions } from '@/components/mailbox-settings/language-options';
import { TimeZoneField } from '@/components/mailbox-settings/time-zone-field';
import { SaveBar } from '@/components/ui/save-bar';
import { SelectField } from '@/components/ui/select-field';
import type { Language } from '@/lib/mail/services';
import type { OwnLocalizationInput, OwnLocalizationValues } from '@/lib/validations/mailbox-settings';

const loadOwnLocalizationSchema = () => import('@/lib/validations/mailbox-settings').then((m) => m.ownLocalizationSchema);

/**
 * The panel's own language and time zone ("My settings"); after a save the whole panel follows them.
 * `savedIn` is the one text needed in every language (the browser holds only the current one).
 */
export function OwnLocalizationForm({
  initial,
  timeZones,
  action,
  savedIn,
}: {
  initial: OwnLocalizationInput;
  timeZones: readonly string[];
  action: SectionAction;
  savedIn: Record<Language, string>;
}) {
  const t = useT();
  const router = useRouter();
  const { register, handleSubmit, setError, setValue, control, formState } = useForm<OwnLocalizationInput, unknown, OwnLocalizationValues>({
    resolver: useLazyZodResolver(loadOwnLocalizationSchema),
    defaultValues: initial,
  });
  const { errors } = formState;
  const timeZone = useWatch({ control, name: 'timeZone' });
  const { status, save, message } = useSectionSave({ id: 0, action, setError });

  return (
    <form
      onSubmit={handleSubmit(async (values) => {
        // The message in the language just chosen: the page around it follows with the refresh.
        if (await save(values, savedIn[values.language])) router.refresh();
      })}
      noValidate
      className="space-y-5"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('selfService.localization.language')} error={message(errors.language?.message)} {...register('language')}>
          <LanguageOptions />
        </SelectField>
        <TimeZoneField
          label={t('selfService.localization.timeZone')}
          error={message(errors.timeZone?.message)}
          zones={timeZones}
          value={timeZone ?? ''}
          onPick={(zone) => setValue('timeZone', zone, { shouldDirty: true, shouldValidate: true })}
          field={register('timeZone')}
        />
      </div>
      <SaveBar status={status} pending={formState.isSubmitting}>
        {t('selfService.localization.save')}
      </SaveBar>
    </form>
  );
}
